// The bulk CSV reader's UTF-8 check (ingest/bulk/csv.ts): bad bytes are noticed wherever the file's chunks split
// a character, and the text is the lenient decoder's, exactly as a strict decoder of the whole file would judge it.
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../ingest/bulk/csv.ts';

const strictlyInvalid = (bytes: Buffer) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
};

async function decodeInPieces(bytes: Buffer, size: number): Promise<{ text: string; invalid: boolean }> {
  async function* pieces() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  const decoded = decodeUtf8(pieces());
  let text = '';
  for await (const chunk of decoded.chunks) text += chunk;
  return { text, invalid: decoded.invalid };
}

describe('bulk CSV UTF-8 check', () => {
  const cases: Record<string, Buffer> = {
    ascii: Buffer.from('id,name\nx,y\n'),
    'two to four byte characters': Buffer.from('é€😀 ok é\n'),
    'a literal U+FFFD (valid)': Buffer.from('a\uFFFDb'),
    'a lone bad byte': Buffer.from([0x61, 0xff, 0x62]),
    'a lone continuation byte': Buffer.from([0x61, 0x80]),
    'a character cut at the end of the file': Buffer.concat([Buffer.from('ab'), Buffer.from('😀').subarray(0, 3)]),
    'an overlong form': Buffer.from([0xc0, 0xaf, 0x61]),
    'a surrogate': Buffer.from([0x61, 0xed, 0xa0, 0x80]),
  };
  for (const [name, bytes] of Object.entries(cases)) {
    it(`${name}: judged as a strict decoder judges it, for every chunk size`, async () => {
      for (let size = 1; size <= bytes.length; size++) {
        const { text, invalid } = await decodeInPieces(bytes, size);
        expect({ size, invalid }).toEqual({ size, invalid: strictlyInvalid(bytes) });
        expect(text).toBe(new TextDecoder('utf-8').decode(bytes));
      }
    });
  }
});
