/**
 * The words for an attached file that gave no answer: why it could not be
 * read, or that it names no failure, and what to send instead.
 */
import type { FileProblem } from '../core/attached-file.js';

/** 5242880 -> "5 MB"; 1536 -> "2 KB". */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const WHAT_TO_SEND =
  'I read text logs: CBS.log, DISM.log, setupact.log, setuperr.log, a decoded WindowsUpdate.log or a .txt.';

/** The lines of the reply; the .etl answer also gets a command (see ETL_COMMAND). */
export function fileProblemLines(name: string, problem: FileProblem): string[] {
  switch (problem.kind) {
    case 'etl':
      return [
        `${name} is a binary event trace (.etl), which I cannot read as it is.`,
        'Decode the Windows Update traces to text on that PC with Get-WindowsUpdateLog in PowerShell: it writes WindowsUpdate.log to the desktop. Send me that file, or paste its lines around the failure.',
      ];
    case 'too-large':
      return [
        `${name} is larger than ${sizeText(problem.limit)}, more than I read from one file.`,
        'Send the part around the failure (the last lines marked Error or FAILED), or paste those lines.',
      ];
    case 'empty':
      return [`${name} is empty.`, WHAT_TO_SEND];
    case 'binary':
      return [`${name} is not a text file, so I cannot read it.`, WHAT_TO_SEND];
    case 'timeout':
      return [
        `Downloading ${name} took too long, so I stopped.`,
        'Try again in a moment, or paste the lines around the failure.',
      ];
    case 'unreadable':
      return [
        `I could not download ${name}.`,
        'Try sending it again, or paste the lines around the failure.',
      ];
    case 'no-error':
      return [
        `I read ${name} (${sizeText(problem.bytes)}) and found no line with an error code.`,
        'Check that it covers the time the update failed, or paste the line with the error.',
      ];
    default: {
      const unreachable: never = problem;
      return [String(unreachable)];
    }
  }
}

/** Decodes the Windows Update .etl traces into WindowsUpdate.log on the desktop. */
export const ETL_COMMAND = 'Get-WindowsUpdateLog';
