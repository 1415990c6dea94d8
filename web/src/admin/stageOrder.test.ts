import { describe, expect, it } from 'vitest';

import { moveKey } from './stageOrder';

describe('moving a stage', () => {
  it('moves a key up, down and to the ends', () => {
    expect(moveKey(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'c', 'b']);
    expect(moveKey(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
    expect(moveKey(['a', 'b', 'c'], 'b', -3)).toEqual(['b', 'a', 'c']);
    expect(moveKey(['a', 'b', 'c'], 'a', 9)).toEqual(['b', 'c', 'a']);
  });

  it('leaves the order alone for an unknown key', () => {
    expect(moveKey(['a', 'b'], 'z', 0)).toEqual(['a', 'b']);
  });
});
