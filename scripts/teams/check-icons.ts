/**
 * Checks the two icons Teams requires before they go into a package, with
 * the rules the Teams store and Developer Portal apply: the colour icon is
 * 192x192, the outline icon is 32x32 and is white on a transparent background.
 */
import pngjs from 'pngjs';

const { PNG } = pngjs;

export type IconKind = 'color' | 'outline';

export interface IconSpec {
  kind: IconKind;
  width: number;
  height: number;
}

export const TEAMS_ICON_SPECS: Readonly<Record<IconKind, IconSpec>> = {
  color: { kind: 'color', width: 192, height: 192 },
  outline: { kind: 'outline', width: 32, height: 32 },
};

/** Every problem with one icon, each starting with its name; empty when it is fine. */
export function checkIcon(name: string, data: Buffer, spec: IconSpec): string[] {
  let png: InstanceType<typeof PNG>;
  try {
    png = PNG.sync.read(data);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [`${name}: is not a readable PNG (${reason})`];
  }
  const problems: string[] = [];
  if (png.width !== spec.width || png.height !== spec.height) {
    problems.push(
      `${name}: is ${png.width}x${png.height}; Teams needs ${spec.width}x${spec.height} for the ${spec.kind} icon`,
    );
  }
  if (spec.kind === 'outline') problems.push(...checkOutlinePixels(name, png));
  return problems;
}

/** pngjs decodes every PNG colour type to 8-bit RGBA, so one loop covers them all. */
function checkOutlinePixels(name: string, png: InstanceType<typeof PNG>): string[] {
  let visible = 0;
  let transparent = 0;
  let notWhite = 0;
  let firstNotWhite = '';
  for (let index = 0; index < png.width * png.height; index += 1) {
    const offset = index * 4;
    const [red, green, blue, alpha] = png.data.subarray(offset, offset + 4);
    if (alpha === 0) {
      transparent += 1;
      continue;
    }
    visible += 1;
    if (red !== 255 || green !== 255 || blue !== 255) {
      notWhite += 1;
      if (!firstNotWhite) {
        const x = index % png.width;
        const y = Math.floor(index / png.width);
        firstNotWhite = ` (first at ${x},${y}: rgba(${red}, ${green}, ${blue}, ${alpha}))`;
      }
    }
  }
  const problems: string[] = [];
  if (notWhite > 0) {
    problems.push(
      `${name}: ${notWhite} visible pixel(s) are not white${firstNotWhite}; the outline icon must be white on a transparent background`,
    );
  }
  if (visible === 0)
    problems.push(`${name}: is fully transparent; the outline icon needs a white glyph`);
  if (transparent === 0) {
    problems.push(
      `${name}: has no transparent pixels; the outline icon needs a transparent background`,
    );
  }
  return problems;
}
