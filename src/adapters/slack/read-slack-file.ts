/**
 * A file shared with the bot on Slack: `files.info` for its name, size and
 * `url_private_download`, then the download with the bot token, only from
 * the Web API's host or its subdomains (slack.com -> files.slack.com; in
 * tests the fake behind SLACK_API_URL serves both).
 */
import type { webApi } from '@slack/bolt';
import type { AttachedFile } from '../../core/attached-file.js';
import { hostOrSubdomain, readLogFile } from '../../services/read-log-file.js';
import type { SlackDeps } from './slack-deps.js';
import { FileInfoSchema } from './slack-payloads.js';

export async function readSlackFile(
  client: webApi.WebClient,
  file: { id: string; name?: string | undefined },
  deps: Pick<SlackDeps, 'files'>,
): Promise<AttachedFile> {
  const fallbackName = file.name ?? 'the file';
  let info: ReturnType<typeof FileInfoSchema.parse>['file'];
  try {
    const parsed = FileInfoSchema.safeParse(await client.files.info({ file: file.id }));
    if (!parsed.success) return { name: fallbackName, read: { kind: 'unreadable' } };
    info = parsed.data.file;
  } catch {
    return { name: fallbackName, read: { kind: 'unreadable' } };
  }
  const url = info.url_private_download ?? info.url_private;
  if (!url) return { name: info.name, read: { kind: 'unreadable' } };
  const read = await readLogFile(
    {
      url,
      name: info.name,
      size: info.size,
      headers: { authorization: `Bearer ${deps.files.token}` },
      allowed: hostOrSubdomain(deps.files.apiHost),
    },
    deps.files.limits,
  );
  return { name: info.name, read };
}
