import type { BaseModel, GatedMode, Modality, Model, ModelTable, ProviderMapping } from '../catalog/index.ts';

/**
 * The model of one table row as pages share it: each field is read from the columns when first asked for, and kept,
 * so a page whose query selects nine fields does not make the tags, mappings, languages and hub id of fifty models
 * no client asked for. Read-only: its fields have no setters and its lists are frozen. `toJSON` gives the plain model.
 * The dictionary fields are kept too: graphql-jit's compiled execution reads each field three times (a null check, an
 * error check, the value).
 */
export class SharedModel implements Model {
  readonly #table: ModelTable;
  readonly #row: number;
  #name: string | undefined;
  #author: string | null | undefined;
  #pipelineTag: string | null | undefined;
  #libraryName: string | null | undefined;
  #tags: string[] | undefined;
  #trendingScore: number | null | undefined;
  #createdAt: string | null | undefined;
  #lastModified: string | null | undefined;
  #languages: string[] | undefined;
  #baseModels: BaseModel[] | undefined;
  #inputModalities: Modality[] | undefined;
  #outputModalities: Modality[] | undefined;
  #providers: ProviderMapping[] | undefined;
  #hubId: string | null | undefined;
  #foundBy: string[] | undefined;
  #url: string | undefined;

  constructor(table: ModelTable, row: number) {
    if (!Number.isInteger(row) || row < 0 || row >= table.size) throw new RangeError(`no row ${row} in ${table.size}`);
    this.#table = table;
    this.#row = row;
  }

  get id(): string {
    return this.#table.ids[this.#row]!;
  }

  get author(): string | null {
    if (this.#author === undefined) this.#author = this.#table.value('author', this.#table.author[this.#row]!);
    return this.#author;
  }

  get name(): string {
    return (this.#name ??= this.#table.nameOf(this.#row));
  }

  get pipelineTag(): string | null {
    if (this.#pipelineTag === undefined) {
      this.#pipelineTag = this.#table.value('pipelineTag', this.#table.pipelineTag[this.#row]!);
    }
    return this.#pipelineTag;
  }

  get libraryName(): string | null {
    if (this.#libraryName === undefined) {
      this.#libraryName = this.#table.value('libraryName', this.#table.libraryName[this.#row]!);
    }
    return this.#libraryName;
  }

  get tags(): string[] {
    return (this.#tags ??= frozen(this.#table.tagsOf(this.#row)));
  }

  get downloads(): number {
    return this.#table.downloads[this.#row]!;
  }

  get likes(): number {
    return this.#table.likes[this.#row]!;
  }

  get trendingScore(): number | null {
    if (this.#trendingScore === undefined) this.#trendingScore = orNull(this.#table.trendingScore[this.#row]!);
    return this.#trendingScore;
  }

  get createdAt(): string | null {
    if (this.#createdAt === undefined) this.#createdAt = this.#table.createdAtOf(this.#row);
    return this.#createdAt;
  }

  get lastModified(): string | null {
    if (this.#lastModified === undefined) this.#lastModified = this.#table.lastModifiedOf(this.#row);
    return this.#lastModified;
  }

  get gated(): GatedMode | null {
    return this.#table.gatedOf(this.#row);
  }

  get private(): boolean {
    return this.#table.private[this.#row] === 1;
  }

  get parameterCount(): number | null {
    return orNull(this.#table.parameterCount[this.#row]!);
  }

  get license(): string | null {
    return this.#table.value('license', this.#table.license[this.#row]!);
  }

  get languages(): string[] {
    return (this.#languages ??= frozen(this.#table.languagesOf(this.#row)));
  }

  get baseModels(): BaseModel[] {
    return (this.#baseModels ??= frozen(this.#table.baseModelsOf(this.#row).map(frozen)));
  }

  get inputModalities(): Modality[] {
    return (this.#inputModalities ??= frozen(this.#table.inputModalitiesOf(this.#row)));
  }

  get outputModalities(): Modality[] {
    return (this.#outputModalities ??= frozen(this.#table.outputModalitiesOf(this.#row)));
  }

  get region(): string | null {
    return this.#table.value('region', this.#table.region[this.#row]!);
  }

  get providers(): ProviderMapping[] {
    return (this.#providers ??= frozen(this.#table.mappings(this.#row).map(frozenMapping)));
  }

  get hubId(): string | null {
    if (this.#hubId === undefined) this.#hubId = this.#table.hubIdOf(this.#row);
    return this.#hubId;
  }

  get foundBy(): string[] {
    return (this.#foundBy ??= frozen(this.#table.foundByOf(this.#row)));
  }

  get url(): string {
    return (this.#url ??= this.#table.urlOf(this.#row));
  }

  toJSON(): Model {
    return this.#table.model(this.#row);
  }
}

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** Frozen, typed as the mutable list `Model` declares: no one can change a shared model's list through it. */
const frozen = <T extends object>(value: T): T => Object.freeze(value);

function frozenMapping(mapping: ProviderMapping): ProviderMapping {
  if (mapping.details) Object.freeze(mapping.details);
  return Object.freeze(mapping);
}
