// The renderer choice: software WebGL is recognised by its rasterizer's name, the canvas wins there, and a forced choice holds.
import { describe, expect, it } from 'vitest';
import { chooseRenderer, forcedRenderer, isSoftwareRenderer, WEBGL_THRESHOLD } from '../../client/src/graph/webgl.ts';

describe('software WebGL', () => {
  it('recognises the software rasterizers by the names browsers report', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('Google SwiftShader')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('Mesa softpipe')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)')).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
    expect(isSoftwareRenderer('')).toBe(false);
  });
});

describe('chooseRenderer', () => {
  const hardware = { available: true, software: false };
  const software = { available: true, software: true };
  const none = { available: false, software: false };

  it('uses WebGL above the threshold only where hardware draws it', () => {
    expect(chooseRenderer(WEBGL_THRESHOLD + 1, hardware, null)).toBe('webgl');
    expect(chooseRenderer(WEBGL_THRESHOLD, hardware, null)).toBe('canvas');
    expect(chooseRenderer(20_000, software, null)).toBe('canvas');
    expect(chooseRenderer(20_000, none, null)).toBe('canvas');
  });

  it('follows a forced renderer at any size, WebGL only where it exists', () => {
    expect(chooseRenderer(20_000, software, 'webgl')).toBe('webgl');
    expect(chooseRenderer(10, hardware, 'webgl')).toBe('webgl');
    expect(chooseRenderer(20_000, hardware, 'canvas')).toBe('canvas');
    expect(chooseRenderer(20_000, none, 'webgl')).toBe('canvas');
  });
});

describe('forcedRenderer', () => {
  it('reads ?renderer= first, then the stored choice, and ignores anything else', () => {
    expect(forcedRenderer('?renderer=webgl', null)).toBe('webgl');
    expect(forcedRenderer('?x=1&renderer=canvas', 'webgl')).toBe('canvas');
    expect(forcedRenderer('', 'webgl')).toBe('webgl');
    expect(forcedRenderer('?renderer=auto', null)).toBe(null);
    expect(forcedRenderer('?renderer=svg', 'canvas')).toBe(null);
    expect(forcedRenderer('', 'gpu')).toBe(null);
    expect(forcedRenderer('', null)).toBe(null);
  });
});
