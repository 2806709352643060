/**
 * The shape of every file under knowledge/. Validated once at load so the
 * rest of the program can trust the data; a bad file fails loudly with the
 * file name and the field path (see load-knowledge.ts).
 */
import { z } from 'zod';
import { CodeSchema } from './code.js';

export { type Code, CodeSchema, isSuccessCode } from './code.js';

export const ShellSchema = z.enum(['cmd', 'powershell']);

/**
 * Side effects an admin must know about before pasting a command or doing a
 * step. Rendered as badges in every channel.
 */
export const WarningSchema = z.enum([
  'restart-required', // the machine must reboot for the step to finish
  'restarts-service', // stops or restarts a Windows service
  'data-loss', // deletes or discards data (update history, caches, settings)
  'acl-change', // changes permissions on files or registry keys
  'security-change', // weakens protection for a while (antivirus off, firewall off)
  'network-change', // changes proxy, TLS or firewall configuration
  'long-running', // takes many minutes; do not interrupt
]);

export const CommandSchema = z
  .object({
    shell: ShellSchema,
    /** Exactly what to paste, one command. */
    run: z.string().min(1),
    elevated: z.boolean(),
    /** What the command does, in a few words. */
    note: z.string().optional(),
    warnings: z.array(WarningSchema).default([]),
  })
  .strict();

/** A Settings path that differs between Windows 10 and Windows 11. */
export const UiPathSchema = z
  .object({
    windows10: z.string().min(1),
    windows11: z.string().min(1),
  })
  .strict();

export const SourceSchema = z.union([
  z.object({ seed: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/) }).strict(),
  /**
   * A Microsoft Learn article of the reference pack: `doc` is its path inside
   * shared/references/microsoft-docs (so the lint can check it exists), `url`
   * the original page we cite.
   */
  z
    .object({
      doc: z.string().regex(/^(SupportArticles-docs|windows-itpro-docs)\/[\w./-]+\.md$/),
      url: z.url(),
    })
    .strict(),
  z.object({ header: z.enum(['wuerror.h', 'winerror.h', 'wininet.h', 'winhttp.h']) }).strict(),
  z.object({ url: z.url(), title: z.string().min(1) }).strict(),
]);

const stepBody = {
  /**
   * `fix` steps end with "did that fix it?"; `check` steps gather facts or
   * prepare (find the error in CBS.log, back up), so "yes" means "done, go on".
   */
  kind: z.enum(['fix', 'check']).default('fix'),
  title: z.string().min(1),
  /** Why this step helps, one or two sentences. */
  why: z.string().min(1),
  /** What to do, in order; prose, one action per line. */
  instructions: z.array(z.string().min(1)).default([]),
  ui: UiPathSchema.optional(),
  commands: z.array(CommandSchema).default([]),
  warnings: z.array(WarningSchema).default([]),
  /** The yes/no question asked after the step ("Did the troubleshooter fix it?"). */
  question: z.string().regex(/\?$/, 'must be a question ending with ?'),
  sources: z.array(SourceSchema).min(1),
};

export const ProcedureSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case'),
    ...stepBody,
  })
  .strict();

/** A step in an entry: a shared procedure by id, or a step written inline. */
export const StepRefSchema = z.union([
  z
    .object({
      use: z.string().min(1),
      /** Extra advice for this error only, shown with the procedure. */
      note: z.string().optional(),
    })
    .strict(),
  z.object(stepBody).strict(),
]);

export const EntrySchema = z
  .object({
    code: CodeSchema,
    /** Symbolic name (WU_E_..., CBS_E_..., ERROR_...); null when none is public. */
    name: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]+$/)
      .nullable(),
    /** Other names the same code goes by (E_ACCESSDENIED and ERROR_ACCESS_DENIED). */
    aliases: z.array(z.string().regex(/^[A-Z][A-Z0-9_]+$/)).default([]),
    title: z.string().min(1),
    meaning: z.string().min(1),
    causes: z.array(z.string().min(1)).min(1),
    /** How people describe the problem in their own words; fuzzy-matched. */
    symptoms: z.array(z.string().min(1)).min(1),
    /** Fragments seen in logs (CBS.log, WindowsUpdate.log, event log). */
    logSignatures: z.array(z.string().min(1)).default([]),
    steps: z.array(StepRefSchema).min(1),
    related: z.array(CodeSchema).default([]),
    /**
     * Where sources disagree or are older than a Windows change, said plainly
     * ("Microsoft's current article names msiserver; the seed names TrustedInstaller").
     */
    caveats: z.array(z.string().min(1)).default([]),
    /**
     * Why this flow needs more than eight steps, in words a reader can check
     * ("five unrelated causes, each with its own fix"); the lint asks for it.
     */
    longFlowReason: z.string().min(1).optional(),
    sources: z.array(SourceSchema).min(1),
  })
  .strict();

export const FamilySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    /** Inclusive code range; the narrowest range containing a code wins. */
    from: CodeSchema,
    to: CodeSchema,
    title: z.string().min(1),
    meaning: z.string().min(1),
    steps: z.array(StepRefSchema).min(1),
    /** Why this flow needs more than eight steps (see EntrySchema). */
    longFlowReason: z.string().min(1).optional(),
    sources: z.array(SourceSchema).min(1),
  })
  .strict();

export const FamiliesFileSchema = z.object({ families: z.array(FamilySchema).min(1) }).strict();

/**
 * One public name for a code: from a header, or (names the headers lack, such
 * as MOSETUP_E_* and CBS_E_*) from the reference-pack page that gives it.
 * A code below 0x80000000 is a success code (S_OK, WU_S_*), never a failure.
 */
export const CatalogueRecordSchema = z
  .object({
    code: CodeSchema,
    name: z.string(),
    header: z.enum(['wuerror.h', 'winerror.h', 'wininet.h', 'winhttp.h']).optional(),
    /** Path of the citing article inside shared/references/microsoft-docs. */
    page: z
      .string()
      .regex(/^(SupportArticles-docs|windows-itpro-docs)\/[\w./-]+\.md$/)
      .optional(),
    url: z.url().optional(),
  })
  .strict()
  .refine((record) => (record.header ? !record.page : Boolean(record.page && record.url)), {
    message: 'a record names either its header, or the page and url it comes from',
  });

export const CatalogueFileSchema = z
  .object({
    generatedFrom: z.string(),
    records: z.array(CatalogueRecordSchema),
  })
  .strict();

export type Shell = z.infer<typeof ShellSchema>;
export type Warning = z.infer<typeof WarningSchema>;
export type Command = z.infer<typeof CommandSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type Procedure = z.infer<typeof ProcedureSchema>;
export type StepRef = z.infer<typeof StepRefSchema>;
export type Entry = z.infer<typeof EntrySchema>;
export type Family = z.infer<typeof FamilySchema>;
export type CatalogueRecord = z.infer<typeof CatalogueRecordSchema>;

/**
 * A hex value written in YAML either quoted ("0D") or bare (which YAML may
 * read as a number: 10); both mean the hex digits as written.
 */
const HexDigitsSchema = z
  .union([z.string().regex(/^(0x)?[0-9A-Fa-f]{1,4}$/), z.number().int().nonnegative()])
  .transform((value) => Number.parseInt(String(value).replace(/^0x/, ''), 16));

/**
 * knowledge/setup-extend-codes.yaml: the phase (first digit) and operation
 * (last digits) that a Windows Setup extend code ("0xC1900101 - 0x4000D")
 * names, from Microsoft's upgrade-error-codes article.
 */
export const SetupExtendCodesFileSchema = z.object({
  phases: z
    .array(
      z.object({
        digit: HexDigitsSchema,
        name: z.string().min(1),
        summary: z.string().optional(),
        advice: z.string().optional(),
      }),
    )
    .min(1),
  operations: z
    .array(
      z.object({ hex: HexDigitsSchema, name: z.string().min(1), summary: z.string().optional() }),
    )
    .min(1),
  sources: z.array(SourceSchema).min(1),
});

export type SetupExtendCodesFile = z.infer<typeof SetupExtendCodesFileSchema>;
