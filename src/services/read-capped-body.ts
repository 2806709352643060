/**
 * An HTTP answer's body as text, refused once it passes `maxChars`: the
 * platforms' APIs answer with a few hundred bytes, so anything far larger is
 * not one of their answers and is not read to the end.
 */
import type { IncomingMessage } from 'node:http';

export function readCappedBody(res: IncomingMessage, maxChars: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > maxChars) {
        res.destroy();
        reject(new Error('answer too large'));
      }
    });
    res.on('end', () => resolve(text));
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('aborted')));
  });
}
