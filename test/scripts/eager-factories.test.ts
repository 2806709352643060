/**
 * The bundle's module factories rewritten so V8 compiles them with the chunk
 * (and Node's compile cache keeps them): the same behaviour, the arrows that
 * depend on `this` or `arguments` left alone, and source maps that still
 * point at the same code.
 */
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { applyEdits, eagerFactoryEdits, shiftMappings } from '../../scripts/eager-factories.js';

/** esbuild's shape: a helper taking the factory, called once with (exports, module). */
const HELPER = 'var p=(f)=>{var m={exports:{}};return()=>(f(m.exports,m),m.exports)};';
const body = (i: number) =>
  `var x=${i};for(var k=0;k<3;k++){x+=k}b.exports.get=function(){return x};b.exports.n=${i};`;

describe('eagerFactoryEdits', () => {
  it('rewrites top-level factories to parenthesised functions, behaviour unchanged', () => {
    const code = `${HELPER}var r1=p((a,b)=>{${body(1)}}),r2=p(a=>{a.two=2});var r3=p(()=>{});`;
    const edited = applyEdits(code, eagerFactoryEdits(code));
    expect(edited).toContain('p((function(a,b){');
    expect(edited).toContain('p((function(a){a.two=2}))');
    expect(edited).toContain('p((function(){}))');
    const run = (source: string) =>
      new Script(`${source};[r1().get(),r1().n,r2().two,typeof r3()]`).runInNewContext();
    expect(run(edited)).toEqual(run(code));
    expect(run(edited)).toEqual([4, 1, 2, 'object']);
  });

  it('makes V8 compile them with the script (what a code cache keeps)', () => {
    let code = HELPER;
    for (let i = 0; i < 200; i++) code += `var r${i}=p((a,b)=>{${body(i)}});`;
    const cached = (source: string) => new Script(source).createCachedData().length;
    expect(cached(applyEdits(code, eagerFactoryEdits(code)))).toBeGreaterThan(3 * cached(code));
  });

  it('leaves factories that use arguments, super or new.target as arrows', () => {
    for (const inner of [
      'b.exports=arguments.length',
      'b.exports=(()=>arguments)()',
      'b.exports=new.target',
    ]) {
      const code = `${HELPER}var r=p((a,b)=>{${inner}});`;
      expect(eagerFactoryEdits(code), inner).toEqual([]);
    }
    // `this` and `arguments` of a nested function are its own.
    const nested = `${HELPER}var r=p((a,b)=>{b.exports=function(){return this||arguments}});`;
    expect(applyEdits(nested, eagerFactoryEdits(nested))).toContain('p((function(a,b){');
    expect(applyEdits(nested, eagerFactoryEdits(nested))).not.toContain('.bind(this)');
  });

  it('binds a factory that reads `this` to the same `this`', () => {
    for (const inner of [
      'var aw=(this&&this.__awaiter)||1;b.exports=[this,aw]',
      'b.exports=(()=>this)()',
      'b.exports=class{static s=this}',
      'b.exports=class extends Object{m(){return super.toString}}',
    ]) {
      const code = `${HELPER}var r=p((a,b)=>{${inner}});`;
      const edited = applyEdits(code, eagerFactoryEdits(code));
      expect(edited, inner).toContain('p((function(a,b){');
      expect(edited, inner).toContain('}).bind(this))');
      // Run as a module body would: `this` is a given object (undefined in an ES module).
      const self = { marker: 1 };
      const run = (source: string) => new Function(`${source};return r();`).call(self) as unknown;
      const [before, after] = [run(code), run(edited)];
      if (inner.startsWith('var aw')) {
        expect(after).toEqual([self, 1]);
        expect(after).toEqual(before);
      } else if (inner.includes('=>this')) {
        expect(after).toBe(self);
        expect(after).toBe(before);
      } else expect(typeof after).toBe('function');
    }
  });

  it('touches only `var x = helper(arrow)` at the top level', () => {
    const code = `${HELPER}function f(){var r=p((a,b)=>{})}var s=p((a,b)=>1),t=p((a,b)=>{},1);q((a,b)=>{});`;
    expect(eagerFactoryEdits(code)).toEqual([]);
  });
});

describe('shiftMappings', () => {
  it('moves generated columns after each edit on its line, nothing else', () => {
    // One line, segments at columns 0, 10 and 20 (source 0, line 0, columns 0, 5, 9).
    const mappings = 'AAAA,UAAK,UAAI';
    const code = `${'x'.repeat(30)}\n`;
    const edits = [
      { at: 5, remove: 2, insert: 'abcde' },
      { at: 15, remove: 0, insert: ')' },
    ];
    // 10 -> 13 (+3), 20 -> 24 (+3 +1); the source columns stay the same.
    expect(shiftMappings(mappings, code, edits)).toBe('AAAA,aAAK,WAAI');
    expect(shiftMappings(`;${mappings}`, `\n${code}`, [])).toBe(`;${mappings}`);
  });
});
