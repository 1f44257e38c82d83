import { describeReplicasSharing, threeNodeCluster } from '../support/replica-specs.ts';

// The same specification against a three-node Redis Cluster started on loopback: every key of the catalog shares one
// hash tag, so the scripts run on one node, and the node holding that slot is the one restarted.
describeReplicasSharing('a three-node Redis Cluster', threeNodeCluster);
