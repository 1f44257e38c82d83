import { describeReplicasSharing, singleServer } from '../support/replica-specs.ts';

describeReplicasSharing('one Redis server', singleServer);
