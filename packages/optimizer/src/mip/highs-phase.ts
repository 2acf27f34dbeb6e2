/**
 * One phase of a lexicographic MIP solve with HiGHS: minimize one level of a `LinearModel`,
 * optionally with the first level capped (the soft phase keeps the first level at its optimum).
 * The HiGHS runtime is passed in, so nothing here loads WebAssembly.
 */
import type { Highs, ModelData } from 'highs';
import type { LinearModel } from './linear';

const STATUS_NAMES: Record<number, string> = {
  7: 'optimal',
  8: 'infeasible',
  11: 'objective bound',
  12: 'objective target',
  13: 'time limit',
  14: 'iteration limit',
  15: 'unknown',
  16: 'solution limit',
  17: 'interrupted',
};

export interface HighsPhaseResult {
  readonly status: string;
  readonly optimal: boolean;
  /** Rows handed to HiGHS (the model's, plus the cap row when there is one). */
  readonly rows: number;
  /** Best objective found (penalty units, rounded), null when none. */
  readonly value: number | null;
  /** HiGHS's proven lower bound on the objective. */
  readonly bound: number;
  /** Column values of the best solution, null when none. */
  readonly solution: ArrayLike<number> | null;
  readonly seconds: number;
  readonly nodes: number;
}

export interface HighsPhase {
  readonly objective: 'first' | 'soft';
  /** The first level's cost may not exceed this (null: no cap). */
  readonly firstCap: number | null;
  readonly timeLimitSeconds: number;
  readonly warmStart?: Float64Array | null;
}

export function runHighsPhase(highs: Highs, linear: LinearModel, phase: HighsPhase): HighsPhaseResult {
  const started = performance.now();
  const data = toModelData(highs, linear, phase.objective, phase.firstCap);
  const native = highs.createModel(data);
  try {
    // Every cost is an integer, so a gap below 1 proves the incumbent optimal.
    native.options.set({ output_flag: false, time_limit: Math.max(1, phase.timeLimitSeconds), mip_rel_gap: 0, mip_abs_gap: 0.99 });
    if (phase.warmStart) native.setSolution({ colValue: phase.warmStart });
    const { modelStatus } = native.run();
    const hasSolution = Number(native.info.get('primal_solution_status')) === 2;
    const status = STATUS_NAMES[modelStatus] ?? `status ${modelStatus}`;
    return {
      status,
      optimal: status === 'optimal',
      rows: data.numRows,
      value: hasSolution ? Math.round(native.getObjectiveValue()) : null,
      bound: Number(native.info.get('mip_dual_bound')),
      solution: hasSolution ? native.getSolution().colValue : null,
      seconds: (performance.now() - started) / 1000,
      nodes: Number(native.info.get('mip_node_count')),
    };
  } finally {
    native.dispose();
  }
}

function toModelData(highs: Highs, linear: LinearModel, objective: 'first' | 'soft', firstCap: number | null): ModelData {
  const rows = [...linear.rows];
  if (firstCap !== null) {
    const columns = linear.firstCost.flatMap((cost, column) => (cost !== 0 ? [column] : []));
    rows.push({ columns, coefficients: columns.map((column) => linear.firstCost[column] as number), lower: -Infinity, upper: firstCap });
  }
  const starts = new Int32Array(rows.length + 1);
  rows.forEach((row, index) => (starts[index + 1] = (starts[index] as number) + row.columns.length));
  const bound = (value: number): number => (value === Infinity ? highs.infinity : value === -Infinity ? -highs.infinity : value);
  return {
    numCols: linear.columnCount,
    numRows: rows.length,
    colCost: Float64Array.from(objective === 'first' ? linear.firstCost : linear.softCost),
    colLower: Float64Array.from(linear.lower),
    colUpper: new Float64Array(linear.columnCount).fill(1),
    rowLower: Float64Array.from(rows, (row) => bound(row.lower)),
    rowUpper: Float64Array.from(rows, (row) => bound(row.upper)),
    matrix: {
      format: 'csr',
      numRows: rows.length,
      numCols: linear.columnCount,
      starts,
      indices: Int32Array.from(rows.flatMap((row) => row.columns)),
      values: Float64Array.from(rows.flatMap((row) => row.coefficients)),
    },
    integrality: Int32Array.from(linear.integer, (integer) => (integer ? 1 : 0)),
  };
}
