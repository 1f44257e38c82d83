import { newMapping, newServedModel } from './dataset.ts';
import type { EmulatedModel, MappingStatus } from './population.ts';
import {
  EvolveError,
  MAPPING_STATUSES,
  REMOVAL_KINDS,
  UPDATE_FIELDS,
  type AdditionInstruction,
  type EvolveResult,
  type EvolveSpec,
  type RemovalInstruction,
  type UpdateInstruction,
} from './evolve-spec.ts';
import { Random } from './random.ts';
import {
  addMapping,
  removeMapping,
  setGated,
  setLibrary,
  setMappingStatus,
  setPipelineTag,
  touch,
  type Edit,
} from './record-edits.ts';
import { FAMILIES_HF_INFERENCE, OTHER_PROVIDERS, PROVIDERS_BY_TASK } from './vocabulary.ts';

/** What an evolution reads: the population by position (positions are never reused; removed ones read undefined). */
export interface EvolvingPopulation {
  /** Positions ever held, removed ones included: the next new model's position. */
  readonly capacity: number;
  /** Models in the population. */
  readonly size: number;
  record(position: number): EmulatedModel | undefined;
  positionOf(id: string): number | undefined;
  /** Positions of models mapped to `provider` with one of `statuses`, in position order. */
  mappedTo(provider: string, statuses: readonly string[]): number[];
}

/** What an evolution writes, applied at once so that no request sees half of it. */
export interface PopulationChange {
  /** New records by position: a position at or past `capacity` is a new model, `null` a removed one. */
  readonly records: ReadonlyMap<number, EmulatedModel | null>;
  /** Positions whose listed fields other than counts changed (added, removed and edited models). */
  readonly structural: ReadonlySet<number>;
  /**
   * Moves the counts of every model at a position below `before` that survives, drawing from `random` in position
   * order, after the records are written (so count-sorted orders must be rebuilt).
   */
  readonly drift?: { readonly random: Random; readonly before: number } | undefined;
}

export interface EvolutionContext {
  readonly seed: number;
  /** 1-based number of this evolution on its server. */
  readonly evolution: number;
  /** Epoch ms of this evolution. */
  readonly at: number;
  /** The mapping statuses that make a model "served" (the listing filter's). */
  readonly servedStatuses: readonly string[];
}

export type PlannedResult = Omit<EvolveResult, 'population' | 'served'>;

const DEFAULT_PROVIDER = 'hf-inference';
const TASKS = [...new Set(FAMILIES_HF_INFERENCE.map(([family]) => family.task).filter((t) => t !== null))];
const LIBRARIES = [...new Set(FAMILIES_HF_INFERENCE.map(([family]) => family.library).filter((l) => l !== null))];

function isServedBy(model: EmulatedModel, provider: string, statuses: readonly string[]): boolean {
  return model.inferenceProviderMapping.some((m) => m.provider === provider && statuses.includes(m.status));
}

/** Seeds per evolution, so the n-th evolution of a given emulator seed always draws the same. */
function evolutionSeed(seed: number, evolution: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 31) + Math.imul(evolution, 0x9e3779b1)) >>> 0;
}

/**
 * Works out an evolution without touching the population: which models join, leave or change, their new records,
 * and the ground truth to report. Explicit ids are reserved first, so a model picked at random for one instruction
 * is never one that a later instruction names.
 */
export function planEvolution(
  population: EvolvingPopulation,
  spec: EvolveSpec,
  context: EvolutionContext,
): { change: PopulationChange; result: PlannedResult } {
  const plan = new EvolutionPlan(population, spec.provider ?? DEFAULT_PROVIDER, context);
  const removals = instructions<RemovalInstruction>(spec.removed);
  const updates = instructions<UpdateInstruction>(spec.updated);
  const additions = instructions<AdditionInstruction>(spec.added);
  plan.reserve([...removals, ...updates, ...additions.filter((a) => a.how === 'status-live')]);
  const removalStart = plan.random.int(REMOVAL_KINDS.length);
  removals.forEach((removal, k) =>
    plan.remove(removal, removal.how ?? REMOVAL_KINDS[(removalStart + k) % REMOVAL_KINDS.length]!),
  );
  const updateStart = plan.random.int(UPDATE_FIELDS.length);
  updates.forEach((update, k) =>
    plan.update(update, update.field ?? UPDATE_FIELDS[(updateStart + k) % UPDATE_FIELDS.length]!),
  );
  for (const addition of additions) plan.add(addition);
  if (spec.drift === true) plan.drift();
  return plan.finish();
}

function instructions<T extends object>(batch: number | readonly T[] | undefined): T[] {
  if (batch === undefined) return [];
  return typeof batch === 'number' ? Array.from({ length: batch }, () => ({}) as T) : [...batch];
}

class EvolutionPlan {
  readonly random: Random;
  private readonly records = new Map<number, EmulatedModel | null>();
  private readonly structural = new Set<number>();
  private readonly reserved = new Set<number>();
  private readonly newIds = new Set<string>();
  private servedPool: number[] | undefined;
  private drifted = 0;
  private deleted = 0;
  private readonly result: {
    added: PlannedResult['added'][number][];
    removed: PlannedResult['removed'][number][];
    updated: PlannedResult['updated'][number][];
  } = { added: [], removed: [], updated: [] };

  constructor(
    private readonly population: EvolvingPopulation,
    private readonly provider: string,
    private readonly context: EvolutionContext,
  ) {
    this.random = new Random(evolutionSeed(context.seed, context.evolution));
  }

  /** Resolves named models up front; a model may be named once per evolution. */
  reserve(named: readonly { id?: string | undefined }[]): void {
    for (const { id } of named) {
      if (id === undefined) continue;
      const position = this.population.positionOf(id);
      if (position === undefined) throw new EvolveError(`No model "${id}" in the population`);
      if (this.reserved.has(position)) throw new EvolveError(`Model "${id}" is named more than once`);
      this.reserved.add(position);
    }
  }

  remove(instruction: RemovalInstruction, how: (typeof REMOVAL_KINDS)[number]): void {
    const position = this.target(instruction.id, 'removed', (m) => this.served(m));
    const model = this.current(position);
    if (how === 'delete') {
      this.write(position, null);
      this.deleted++;
      this.result.removed.push({ id: model.id, how, fields: [] });
      return;
    }
    const edit =
      how === 'unmap' ? removeMapping(model, this.provider) : setMappingStatus(model, this.provider, 'error');
    if (this.served(edit.record)) {
      throw new EvolveError(`"${how}" does not remove a model when the emulator serves error mappings too`);
    }
    this.write(position, edit.record);
    this.result.removed.push({ id: model.id, how, fields: edit.fields });
  }

  update(instruction: UpdateInstruction, field: (typeof UPDATE_FIELDS)[number]): void {
    // A named model may be any model; a drawn one is served, so that the update shows in the provider's catalog.
    const position = this.target(instruction.id, 'updated', () => true);
    const model = this.current(position);
    const edit = this.edit(model, field, instruction);
    this.write(position, edit.record);
    this.result.updated.push({ id: model.id, fields: edit.fields });
  }

  add(instruction: AdditionInstruction): void {
    if (instruction.how === 'status-live') {
      const unserved = (m: EmulatedModel) =>
        !this.served(m) && m.inferenceProviderMapping.some((p) => p.provider === this.provider);
      const pool = () => {
        const statuses = MAPPING_STATUSES.filter((s) => !this.context.servedStatuses.includes(s));
        return this.population.mappedTo(this.provider, statuses);
      };
      const position = this.target(instruction.id, 'made live', unserved, pool);
      const edit = setMappingStatus(this.current(position), this.provider, 'live');
      if (!this.served(edit.record)) throw new EvolveError('"status-live" needs the emulator to serve live mappings');
      this.write(position, edit.record);
      this.result.added.push({ id: edit.record.id, how: 'status-live' });
      return;
    }
    if (instruction.id !== undefined && this.isTaken(instruction.id)) {
      throw new EvolveError(`Model "${instruction.id}" exists already`);
    }
    const position = this.population.capacity + this.result.added.filter((a) => a.how === 'new').length;
    const model = newServedModel({
      random: this.random,
      at: this.context.at,
      counter: position,
      provider: this.provider,
      id: instruction.id,
      isTaken: (id) => this.isTaken(id),
    });
    this.newIds.add(model.id);
    this.write(position, model);
    this.result.added.push({ id: model.id, how: 'new' });
  }

  /** Every surviving model's counts move; new models keep the counts they were created with. */
  drift(): void {
    this.drifted = this.population.size - this.deleted;
  }

  finish(): { change: PopulationChange; result: PlannedResult } {
    const drift = this.drifted > 0 ? { random: this.random, before: this.population.capacity } : undefined;
    return {
      change: { records: this.records, structural: this.structural, drift },
      result: {
        evolution: this.context.evolution,
        at: new Date(this.context.at).toISOString(),
        provider: this.provider,
        ...this.result,
        drifted: this.drifted,
      },
    };
  }

  private served(model: EmulatedModel): boolean {
    return isServedBy(model, this.provider, this.context.servedStatuses);
  }

  private isTaken(id: string): boolean {
    return this.population.positionOf(id) !== undefined || this.newIds.has(id);
  }

  private current(position: number): EmulatedModel {
    return (this.records.get(position) ?? this.population.record(position))!;
  }

  private write(position: number, record: EmulatedModel | null): void {
    this.records.set(position, record);
    this.structural.add(position);
  }

  /**
   * The named model, checked against `eligible`, or one drawn at random among the eligible models that no other
   * instruction touches. Candidates are listed once per evolution in position order, so draws are reproducible.
   */
  /**
   * The named model, checked against `eligible`, or one drawn at random among the candidates (`pool`, by default the
   * served models) that no other instruction touches. Candidates are listed in position order, so draws are
   * reproducible.
   */
  private target(
    id: string | undefined,
    verb: string,
    eligible: (model: EmulatedModel) => boolean,
    pool: () => number[] = () => this.servedCandidates(),
  ): number {
    if (id !== undefined) {
      const position = this.population.positionOf(id)!;
      if (!eligible(this.current(position))) {
        throw new EvolveError(`Model "${id}" cannot be ${verb} for provider ${this.provider}`);
      }
      return position;
    }
    const candidates = pool();
    while (candidates.length > 0) {
      const k = this.random.int(candidates.length);
      const position = candidates[k]!;
      candidates[k] = candidates[candidates.length - 1]!;
      candidates.pop();
      if (!this.reserved.has(position) && !this.structural.has(position)) return position;
    }
    throw new EvolveError(`Not enough models to be ${verb} for provider ${this.provider}`);
  }

  private servedCandidates(): number[] {
    this.servedPool ??= this.population.mappedTo(this.provider, this.context.servedStatuses);
    return this.servedPool;
  }

  private edit(model: EmulatedModel, field: (typeof UPDATE_FIELDS)[number], instruction: UpdateInstruction): Edit {
    const { at } = this.context;
    switch (field) {
      case 'gated':
        return setGated(model, this.gatedValue(model, instruction.value));
      case 'pipeline_tag':
        return setPipelineTag(model, this.nameValue(model.pipeline_tag, TASKS, instruction.value), at, this.random);
      case 'library_name':
        return setLibrary(model, this.nameValue(model.library_name, LIBRARIES, instruction.value), at, this.random);
      case 'lastModified':
        if (instruction.value !== undefined) throw new EvolveError('A lastModified update takes no value');
        return touch(model, at, this.random);
      case 'providerStatus':
        return this.mappingEdit(model, instruction);
    }
  }

  private gatedValue(model: EmulatedModel, value: string | false | undefined): false | 'auto' | 'manual' {
    if (value === undefined) return model.gated !== false ? false : this.random.chance(0.7) ? 'auto' : 'manual';
    if (value !== false && value !== 'auto' && value !== 'manual') {
      throw new EvolveError(`gated must be false, "auto" or "manual" (got ${JSON.stringify(value)})`);
    }
    if (value === model.gated) throw new EvolveError(`Model "${model.id}" is already gated=${String(value)}`);
    return value;
  }

  private nameValue(current: string | undefined, vocabulary: readonly string[], value: string | false | undefined) {
    if (value === undefined) return this.random.pick(vocabulary.filter((name) => name !== current));
    if (value === false || !/^[a-z0-9][a-z0-9-]*$/.test(value)) {
      throw new EvolveError(`Invalid value ${JSON.stringify(value)}: lowercase letters, digits and dashes`);
    }
    if (value === current) throw new EvolveError(`The value is already ${value}`);
    return value;
  }

  /**
   * Another provider's mapping changes status (live → error, otherwise → live), or, when the model has no other
   * mapping, a provider that serves its task maps it as `staging`. The evolution's own provider is left alone: a
   * change there is an addition or a removal.
   */
  private mappingEdit(model: EmulatedModel, instruction: UpdateInstruction): Edit {
    if (instruction.provider === this.provider) {
      throw new EvolveError(`A providerStatus update concerns another provider than ${this.provider}`);
    }
    const status = instruction.value;
    if (status !== undefined && !(MAPPING_STATUSES as readonly unknown[]).includes(status)) {
      throw new EvolveError(`providerStatus must be one of ${MAPPING_STATUSES.join(', ')}`);
    }
    const others = model.inferenceProviderMapping.filter((m) => m.provider !== this.provider);
    const named = instruction.provider ?? (others.length > 0 ? this.random.pick(others).provider : undefined);
    const existing = others.find((m) => m.provider === named);
    if (existing) {
      const next = (status as MappingStatus | undefined) ?? (existing.status === 'live' ? 'error' : 'live');
      if (next === existing.status) throw new EvolveError(`The ${named} mapping is already ${next}`);
      return setMappingStatus(model, existing.provider, next);
    }
    const provider = named ?? this.random.pick(this.mappingCandidates(model));
    const initial = status === undefined ? 'staging' : (status as MappingStatus);
    const mapping = newMapping(this.random, this.context.at, model, provider, initial);
    return addMapping(model, mapping);
  }

  private mappingCandidates(model: EmulatedModel): string[] {
    const task = model.inferenceProviderMapping[0]?.task ?? model.pipeline_tag ?? '';
    const mapped = new Set(model.inferenceProviderMapping.map((m) => m.provider));
    const candidates = (PROVIDERS_BY_TASK[task] ?? OTHER_PROVIDERS).filter(
      (p) => !mapped.has(p) && p !== this.provider,
    );
    return candidates.length > 0 ? candidates : OTHER_PROVIDERS.filter((p) => !mapped.has(p) && p !== this.provider);
  }
}

/** The small batch `evolveEvery` applies each time: 0–3 additions, 0–2 removals, 0–3 updates, never nothing. */
export function scheduledSpec(seed: number, evolution: number, drift: boolean): EvolveSpec {
  const random = new Random(evolutionSeed(seed, evolution) ^ 0x2545f491);
  const added = random.int(4);
  const removed = random.int(3);
  const updated = random.int(4);
  return { added: added + removed + updated === 0 ? 1 : added, removed, updated, drift };
}
