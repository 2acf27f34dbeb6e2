import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEvalCommand } from './cli';

/** C-MAPSS-shaped files: engines whose s2 and s3 climb as the cube of the share of life used. */
const folder = mkdtempSync(join(tmpdir(), 'msched-predict-eval-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const row = (unit: number, cycle: number, life: number) => {
  const wear = 5 * (cycle / life) ** 3;
  return [unit, cycle, 0, 0, 100, 518.67, 642 + wear, 1590 + 10 * wear, ...new Array(18).fill(1)].join(' ');
};
const engine = (unit: number, life: number, observed = life) => Array.from({ length: observed }, (_, i) => row(unit, i + 1, life));
const write = (name: string, lines: string[]) => {
  writeFileSync(join(folder, name), lines.join('\n') + '\n');
  return join(folder, name);
};
const train = write('train.txt', Array.from({ length: 12 }, (_, u) => engine(u + 1, 60 + 5 * u)).flat());
const test = write('test.txt', [...engine(1, 70, 50), ...engine(2, 90, 85)]);
const rul = write('rul.txt', ['20', '5']);

describe('npm run predict:eval', () => {
  it('trains on the training file and scores each test engine at its last cycle', () => {
    const lines: string[] = [];
    expect(
      runEvalCommand(['--train', train, '--test', test, '--rul', rul, '--trees', '20', '--window', '5'], (line) => lines.push(line)),
    ).toBe(0);
    const output = lines.join('\n');
    expect(output).toContain('12 engines, sensors s2 s3');
    expect(output).toMatch(/full training: [\d.]+ s wall, [\d.]+ s CPU/);
    expect(output).toMatch(/test engines at their last cycle \(2\): RMSE [\d.]+, PHM08 [\d.]+, predict [\d.]+ ms wall/);
  });

  it('cross-validates by engine with --cv, against the linear baseline in the same run', () => {
    const lines: string[] = [];
    expect(
      runEvalCommand(['--train', train, '--cv', '3', '--draws', '2', '--trees', '10', '--window', '5'], (line) => lines.push(line)),
    ).toBe(0);
    expect(lines.join('\n')).toContain('cross-validation by engine: 3 folds, 2 truncations per engine');
  });

  it('exits 2 with the usage on unknown or missing arguments', () => {
    const lines: string[] = [];
    expect(runEvalCommand(['--bogus'], (line) => lines.push(line))).toBe(2);
    expect(runEvalCommand([], (line) => lines.push(line))).toBe(2);
    expect(lines.join('\n')).toContain('usage: npm run predict:eval');
  });
});
