/**
 * `npm run predict:eval -- --train train_FD001.txt [--test test_FD001.txt --rul RUL_FD001.txt]
 * [--cv 5] [--ai4i ai4i2020.csv]`: trains on the training file and scores the held-back test
 * engines at their last cycle; `--cv k` cross-validates by engine instead (truncated like the test
 * protocol); `--ai4i` cross-validates the failure classifier. Prints tables; exit 2 on bad arguments.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { evaluateAi4i } from '../classification/ai4i';
import { informativeSensors, parseCmapss, parseRulFile } from '../cmapss/parse';
import { phm08Score, rmse } from '../metrics';
import type { RulTrainingOptions } from '../model';
import { predictRul } from '../rul/predict';
import { trainRulModel } from '../rul/train';
import { crossValidateRul, DEFAULT_TRUNCATION } from './rul-cv';

export const USAGE =
  'usage: npm run predict:eval -- --train train_FD00x.txt [--test test_FD00x.txt --rul RUL_FD00x.txt] [--cv k] [--draws 10] ' +
  '[--seed 1] [--window W] [--cap 125] [--trees N] [--ai4i ai4i2020.csv]';

const fixed = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : String(value));
const load = (): string =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

const cpuSeconds = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1e6;

/** Mean wall-clock and CPU time per call (CPU time is what a call costs when the machine is shared). */
function timePredictions(calls: (() => unknown)[]): { wallMs: number; cpuMs: number } {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const call of calls) call();
  return { wallMs: (performance.now() - started) / calls.length, cpuMs: (cpuSeconds(process.cpuUsage(cpuBefore)) * 1000) / calls.length };
}

function options(values: Record<string, string | undefined>, sensors: string[]): RulTrainingOptions {
  const number = (name: string): number | undefined => (values[name] === undefined ? undefined : Number(values[name]));
  const result: RulTrainingOptions = { sensors, seed: number('seed') ?? 1 };
  if (values.window !== undefined) result.window = number('window')!;
  if (values.cap !== undefined) result.cap = number('cap')!;
  if (values.trees !== undefined) result.boosting = { trees: number('trees')! };
  return result;
}

export function runEvalCommand(argv: string[], out: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): number {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: Object.fromEntries(
        ['train', 'test', 'rul', 'cv', 'draws', 'seed', 'window', 'cap', 'trees', 'ai4i'].map((name) => [name, { type: 'string' }]),
      ),
      strict: true,
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    out(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.train && !values.ai4i) {
    out(USAGE);
    return 2;
  }
  out(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; load average before: ${load()}`);
  if (values.train) {
    const training = parseCmapss(readFileSync(values.train, 'utf8'));
    const sensors = informativeSensors(training);
    const trainingOptions = options(values, sensors);
    out(`\n${values.train}: ${training.length} engines, sensors ${sensors.join(' ')}${training[0]?.regimes ? ', 6 regimes' : ''}`);
    if (values.cv) {
      const protocol = { ...DEFAULT_TRUNCATION, seed: trainingOptions.seed ?? 1, draws: Number(values.draws ?? DEFAULT_TRUNCATION.draws) };
      const cv = crossValidateRul(training, trainingOptions, Number(values.cv), protocol);
      out(
        `cross-validation by engine: ${cv.folds} folds, ${protocol.draws} truncations per engine (RUL uniform 1…min(${protocol.maxRul}, length − ${protocol.minObserved}))`,
      );
      out('| RMSE | RMSE vs min(RUL, cap) | MAE | PHM08 (per-engine sum) | linear baseline RMSE / PHM08 | RMSE ÷ baseline |');
      out('| ---: | ---: | ---: | ---: | ---: | ---: |');
      out(
        `| ${fixed(cv.rmse)} | ${fixed(cv.rmseCapped)} | ${fixed(cv.mae)} | ${fixed(cv.phm08, 0)} | ${fixed(cv.baseline.rmse)} / ${fixed(cv.baseline.phm08, 0)} | ${fixed(cv.rmse / cv.baseline.rmse)} |`,
      );
      const meanTrain = cv.trainMs.reduce((sum, ms) => sum + ms, 0) / cv.trainMs.length / 1000;
      out('\n| interval coverage (all / RUL ≤ cap) | mean confidence | train s per fold (mean, wall) | predict ms per call (wall) |');
      out('| ---: | ---: | ---: | ---: |');
      out(
        `| ${fixed(cv.intervalCoverage)} / ${fixed(cv.intervalCoverageWithinCap)} | ${fixed(cv.meanConfidence, 0)} | ${fixed(meanTrain, 1)} | ${fixed(cv.predictMs, 3)} |`,
      );
    }
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const model = trainRulModel(training, trainingOptions);
    const trainSeconds = (performance.now() - started) / 1000;
    const trainCpu = cpuSeconds(process.cpuUsage(cpuBefore));
    const size = JSON.stringify(model).length;
    out(
      `full training: ${fixed(trainSeconds, 1)} s wall, ${fixed(trainCpu, 1)} s CPU (calibration model + refit on all engines), model ${fixed(size / 1e6, 2)} MB JSON, version ${model.version}`,
    );
    predictRul(model, training[0]!.samples); // compiles the trees once, outside the timing
    const timing = timePredictions(training.map((unit) => () => predictRul(model, unit.samples)));
    out(`prediction on each training engine's full history: ${fixed(timing.wallMs, 3)} ms wall, ${fixed(timing.cpuMs, 3)} ms CPU per call`);
    if (model.evaluation)
      out(
        `calibration engines (${model.evaluation.units}, draws within cap of failure): RMSE ${fixed(model.evaluation.rmse)}, interval coverage ${fixed(model.evaluation.intervalCoverage)}`,
      );
    if (values.test && values.rul) {
      const test = parseCmapss(readFileSync(values.test, 'utf8'), { runToFailure: false });
      const truth = parseRulFile(readFileSync(values.rul, 'utf8'));
      if (truth.length !== test.length) throw new Error(`${values.rul} has ${truth.length} values for ${test.length} test engines`);
      const estimates = test.map((unit) => predictRul(model, unit.samples).estimate);
      const perUnit = timePredictions(test.map((unit) => () => predictRul(model, unit.samples)));
      out(
        `test engines at their last cycle (${test.length}): RMSE ${fixed(rmse(estimates, truth))}, PHM08 ${fixed(phm08Score(estimates, truth), 0)}, ` +
          `predict ${fixed(perUnit.wallMs, 3)} ms wall / ${fixed(perUnit.cpuMs, 3)} ms CPU per engine`,
      );
    }
  }
  if (values.ai4i) {
    const csv = readFileSync(values.ai4i, 'utf8');
    const folds = Number(values.cv ?? 5);
    const seed = Number(values.seed ?? 1);
    out(
      `\n${values.ai4i}: stratified ${folds}-fold CV, threshold by inner 3-fold CV on the training folds; baseline = the same trees on the six measured columns only`,
    );
    out('| features | precision | recall | F1 | ROC-AUC | PR-AUC | TP | FP | FN | seconds |');
    out('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const rawFeaturesOnly of [false, true]) {
      const started = performance.now();
      const result = evaluateAi4i(csv, { folds, seed, rawFeaturesOnly });
      const c = result.confusion;
      out(
        `| ${rawFeaturesOnly ? 'measured only (baseline)' : 'measured + derived'} | ${fixed(result.precision, 3)} | ${fixed(result.recall, 3)} | ${fixed(result.f1, 3)} | ` +
          `${fixed(result.rocAuc, 4)} | ${fixed(result.prAuc, 3)} | ${c.truePositives} | ${c.falsePositives} | ${c.falseNegatives} | ${fixed((performance.now() - started) / 1000, 1)} |`,
      );
    }
  }
  out(`\nload average after: ${load()}`);
  return 0;
}
