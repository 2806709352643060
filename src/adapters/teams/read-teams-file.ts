/**
 * A file sent to the bot in a Teams personal chat: the
 * `application/vnd.microsoft.teams.file.download.info` attachment carries a
 * pre-authorised `downloadUrl`. It is fetched only from the host Teams sent
 * (redirects included), over https; with no app id (anonymous local mode,
 * the Agents Playground) only from loopback, since nobody vouches for the
 * activity then.
 */
import type { Activity } from 'botbuilder';
import type { AttachedFile } from '../../core/attached-file.js';
import { type FileLimits, isLoopback, readLogFile } from '../../services/read-log-file.js';

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

export interface TeamsFile {
  name: string;
  downloadUrl: string;
}

/** The first file of a personal-chat message, if it has one. */
export function fileOf(activity: Activity): TeamsFile | null {
  if ((activity.conversation?.conversationType ?? 'personal') !== 'personal') return null;
  for (const attachment of activity.attachments ?? []) {
    if (attachment.contentType !== FILE_DOWNLOAD_INFO) continue;
    const content = attachment.content as { downloadUrl?: unknown } | undefined;
    if (typeof content?.downloadUrl !== 'string') continue;
    return { name: attachment.name ?? 'the file', downloadUrl: content.downloadUrl };
  }
  return null;
}

export function teamsFileAllowed(downloadUrl: string, anonymous: boolean): (url: URL) => boolean {
  let host: string;
  try {
    host = new URL(downloadUrl).host;
  } catch {
    return () => false;
  }
  return (url) => {
    if (url.host !== host) return false;
    if (anonymous) return isLoopback(url);
    return url.protocol === 'https:' && !isLoopback(url);
  };
}

export async function readTeamsFile(
  file: TeamsFile,
  anonymous: boolean,
  limits: FileLimits,
): Promise<AttachedFile> {
  const allowed = teamsFileAllowed(file.downloadUrl, anonymous);
  const read = await readLogFile({ url: file.downloadUrl, name: file.name, allowed }, limits);
  return { name: file.name, read };
}
