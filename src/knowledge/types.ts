/** The linked, ready-to-use form of the knowledge base that the core works with. */
import type {
  CatalogueRecord,
  Code,
  Command,
  Entry,
  Family,
  Procedure,
  SetupExtendCodesFile,
  Source,
  Warning,
} from './schema.js';

/** One troubleshooting step, with any shared procedure already expanded. */
export interface Step {
  /** Procedure id, or `<owner>-step-<n>` for a step written inline. */
  id: string;
  kind: 'fix' | 'check';
  title: string;
  why: string;
  instructions: string[];
  ui?: { windows10: string; windows11: string } | undefined;
  commands: Command[];
  /** The step's own warnings plus those of its commands. */
  warnings: Warning[];
  question: string;
  /** Advice specific to the error this step is used for. */
  note?: string | undefined;
  sources: Source[];
}

export type KnowledgeEntry = Omit<Entry, 'steps'> & { steps: Step[] };
export type KnowledgeFamily = Omit<Family, 'steps'> & { steps: Step[] };

export interface Knowledge {
  entries: Map<Code, KnowledgeEntry>;
  families: KnowledgeFamily[];
  catalogue: Map<Code, CatalogueRecord>;
  procedures: Map<string, Procedure>;
  /** Upper-case symbolic name (curated names and aliases first) -> code. */
  names: Map<string, Code>;
  /** Windows Setup extend codes: phase digit and operation number -> names. */
  extendCodes?: ExtendCodes;
}

export interface ExtendCodes {
  phases: Map<number, SetupExtendCodesFile['phases'][number]>;
  operations: Map<number, SetupExtendCodesFile['operations'][number]>;
}
