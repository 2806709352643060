/**
 * Meaning checks for one command: does the shell tag fit the syntax, does it
 * ask for an admin prompt when Windows will demand one, are paths and
 * placeholders safe to paste, do the warnings say what the command does.
 * Each rule returns plain messages; lint-knowledge.ts adds file and field.
 */
import type { Command, Warning } from './schema.js';

/** A `Verb-Noun` cmdlet at the start of the command or of a pipeline stage. */
const CMDLET = /(^|\|\s*|\(\s*)[A-Z][a-z]+-[A-Z][A-Za-z]+\b/;
/** `$env:X` or a `$name` that starts a word; `C:\$WINDOWS.~BT` in a cmd path is not one. */
const PS_VARIABLE = /\$env:|(^|[\s(,=;])\$[A-Za-z_]\w*/;
const CMD_VARIABLE = /%[A-Za-z_()0-9]+%/;

/** Commands Windows only runs from an elevated prompt (or that change machine state). */
const NEEDS_ADMIN: Array<[RegExp, string]> = [
  [/^net (stop|start) \S/i, 'net stop/start'],
  [/^net localgroup \S+ .*\/(add|delete)\b/i, 'net localgroup /add'],
  [/^sc(\.exe)? (config|stop|start|delete|failure)\b/i, 'sc config/stop/start'],
  [/^dism(\.exe)?\b.*\/online\b/i, 'DISM /Online'],
  [/^sfc(\.exe)?\b/i, 'sfc'],
  [
    /^reg(\.exe)? (add|delete|import|restore)\s+"?(HKLM|HKEY_LOCAL_MACHINE)\b/i,
    'reg add/delete under HKLM',
  ],
  [/^bitsadmin\b.*\/allusers\b/i, 'bitsadmin /allusers'],
  [/^Get-BitsTransfer\b.*-AllUsers\b/i, 'Get-BitsTransfer -AllUsers'],
  [/^takeown\b/i, 'takeown'],
  [/^icacls\b/i, 'icacls'],
  [/^netsh winhttp (set|reset|import)\b/i, 'netsh winhttp set/reset/import'],
  [/^netsh trace\b/i, 'netsh trace'],
  [/^(Set|Restart|Stop|Start)-Service\b/i, 'Set/Restart/Stop/Start-Service'],
  [/^(Set|New|Remove)-Item(Property)?\b.*HKLM:/i, 'a registry change under HKLM'],
  [
    /^(Get|Add|Remove|Enable|Disable)-Windows(Package|Capability|OptionalFeature)\b.*-Online\b/i,
    '*-Windows* -Online',
  ],
  [/^Repair-WindowsImage\b.*-Online\b/i, 'Repair-WindowsImage -Online'],
  [/^pnputil(\.exe)?\b.*\/(add-driver|delete-driver|remove-device)\b/i, 'pnputil driver changes'],
  [/^chkdsk\b/i, 'chkdsk'],
  [/^bcdedit\b/i, 'bcdedit'],
  [/^wusa\b/i, 'wusa'],
  [/^ren(ame)? "?%(SystemRoot|windir)%/i, 'renaming under %SystemRoot%'],
  [/^Remove-Item\b.*(C:\\Windows|\$env:(windir|SystemRoot))/i, 'Remove-Item under C:\\Windows'],
  [/^schtasks \/(change|delete|create)\b/i, 'schtasks /Change'],
  [/^w32tm \/(resync|config)\b/i, 'w32tm /resync'],
  [/^Get-WindowsUpdateLog\b.*USOShared/i, 'Get-WindowsUpdateLog on the USOShared logs'],
];

/** Side effects a command has, and the warning that must say so. */
const NEEDS_WARNING: Array<[RegExp, Warning]> = [
  [/^net stop\b/i, 'restarts-service'],
  [/^(Stop|Restart)-Service\b/i, 'restarts-service'],
  [/^ren(ame)? "?%(SystemRoot|windir)%\\SoftwareDistribution\b/i, 'data-loss'],
  [/^netsh winhttp (set|reset|import)\b/i, 'network-change'],
  [/^reg(\.exe)? add\b.*\\WinHttp"/i, 'network-change'],
  [/^(takeown|icacls\b.*\/(grant|deny|remove|reset|setowner))/i, 'acl-change'],
  [/^shutdown \/r\b/i, 'restart-required'],
];

/** Variables whose value can hold spaces (C:\Users\Jane Doe, C:\Program Files). */
const SPACEY_VARIABLE =
  /%(USERPROFILE|HOMEPATH|APPDATA|LOCALAPPDATA|TEMP|TMP|ProgramFiles|ProgramFiles\(x86\)|OneDrive)%|\$env:(USERPROFILE|HOMEPATH|APPDATA|LOCALAPPDATA|TEMP|TMP|ProgramFiles|OneDrive)\b/gi;

/** Keywords written in angle brackets that the tool itself expects, not placeholders. */
const LITERAL_ANGLE_KEYWORDS = new Set(['<local>']);

export function lintCommand(command: Command): string[] {
  return [
    ...checkShell(command),
    ...checkElevation(command),
    ...checkWarnings(command),
    ...checkQuoting(command),
    ...checkPlaceholders(command),
  ];
}

function checkShell({ shell, run }: Command): string[] {
  if (/\n/.test(run)) return ['holds more than one line; give one command per entry'];
  if (shell === 'cmd') {
    if (PS_VARIABLE.test(run)) return ['is tagged cmd but uses a PowerShell variable ($...)'];
    if (CMDLET.test(run)) return ['is tagged cmd but calls a PowerShell cmdlet (Verb-Noun)'];
  } else {
    if (CMD_VARIABLE.test(run)) return ['is tagged powershell but uses a cmd %VARIABLE%'];
    // In PowerShell `sc` is Set-Content: `sc config ...` would write a file named config.
    if (/"[^"]*\\\$(?!env:)[A-Za-z_]/.test(run)) {
      return [
        'is tagged powershell and has "...\\$name" in double quotes, which PowerShell expands as a variable; use single quotes',
      ];
    }
    if (/^sc\s/i.test(run))
      return ['is tagged powershell but "sc" there means Set-Content; use sc.exe or cmd'];
  }
  return [];
}

function checkElevation({ run, elevated }: Command): string[] {
  if (elevated) return [];
  // Each stage of a pipeline counts: Get-Service wuauserv | Restart-Service needs admin too.
  const stages = run.split('|').map((stage) => stage.trim());
  const rule = NEEDS_ADMIN.find(([pattern]) => stages.some((stage) => pattern.test(stage)));
  return rule ? [`runs ${rule[1]}, which needs an admin prompt, but "elevated" is false`] : [];
}

function checkWarnings({ run, warnings }: Command): string[] {
  return NEEDS_WARNING.filter(
    ([pattern, warning]) => pattern.test(run) && !warnings.includes(warning),
  ).map(([, warning]) => `lacks the "${warning}" warning for what it does`);
}

function checkQuoting({ run }: Command): string[] {
  const problems: string[] = [];
  for (const match of run.matchAll(SPACEY_VARIABLE)) {
    if (!isInsideQuotes(run, match.index))
      problems.push(`uses ${match[0]} outside double quotes; the path can contain spaces`);
  }
  // A literal path segment with a space (C:\Program Files\...) outside quotes; a second
  // argument that starts a path of its own (C:\..., %windir%\..., /x, -x) is not one.
  if (/\\[^\\"\s]+ (?![A-Za-z]:|[%$/-])[^\\"\s]+\\/.test(outsideQuotes(run)))
    problems.push('has a path with a space outside double quotes');
  return problems;
}

function checkPlaceholders({ run, note }: Command): string[] {
  const problems: string[] = [];
  // > and >> are wanted redirections (save the output to a file); < never is, and <word> is a placeholder.
  if (/</.test(outsideQuotes(run))) {
    problems.push(
      'has < outside quotes, which cmd and PowerShell read as redirection; use an EDIT-ME token',
    );
  }
  for (const match of run.matchAll(/"[^"]*"/g)) {
    for (const angle of match[0].matchAll(/<[^<>"]*>/g)) {
      if (!LITERAL_ANGLE_KEYWORDS.has(angle[0]))
        problems.push(`has the placeholder ${angle[0]}; use an EDIT-ME token that fails safely`);
    }
  }
  if (/EDIT-ME/.test(run) && !/EDIT-ME/.test(note ?? '')) {
    problems.push('has an EDIT-ME token but its note does not say what to put there');
  }
  return problems;
}

function isInsideQuotes(text: string, index: number): boolean {
  return (text.slice(0, index).match(/"/g) ?? []).length % 2 === 1;
}

/** The command with every "quoted part" emptied, so only unquoted text remains. */
function outsideQuotes(text: string): string {
  return text.replace(/"[^"]*"/g, '""');
}
