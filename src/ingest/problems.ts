import type { IngestProblem } from './types.ts';

/** Problems kept per list by default: enough to read, bounded for 2,000,000-row files. */
export const MAX_PROBLEMS = 10_000;

/** Longest offending text kept in a problem. */
const MAX_TEXT = 120;

/** Longest reason kept: a reason quoting a 5 MB cell is cut, not echoed. */
const MAX_REASON = 400;

/** Shortens offending text for a message. */
export function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 3)}...` : text;
}

/** A bounded list of problems that still counts all of them, by code. */
export class ProblemList {
  readonly items: IngestProblem[] = [];
  readonly byCode: Record<string, number> = {};
  count = 0;

  constructor(private readonly max = MAX_PROBLEMS) {}

  add(p: IngestProblem): void {
    this.count++;
    const code = p.code ?? 'other';
    this.byCode[code] = (this.byCode[code] ?? 0) + 1;
    if (this.items.length < this.max) {
      if (p.text !== undefined) p.text = clip(p.text);
      if (p.reason.length > MAX_REASON)
        p.reason = `${p.reason.slice(0, MAX_REASON - 30)}... (${p.reason.length} characters)`;
      this.items.push(p);
    }
  }

  get truncated(): boolean {
    return this.count > this.items.length;
  }
}

/** The accounting of one file's lines (see `IngestReport`). */
export class LineTally {
  accepted = 0;
  merged = 0;
  ignored = 0;
  readonly ignoredBy: Record<string, number> = {};
  readonly rejected: ProblemList;
  readonly warnings: ProblemList;

  constructor(
    readonly file: string,
    maxProblems = MAX_PROBLEMS,
  ) {
    this.rejected = new ProblemList(maxProblems);
    this.warnings = new ProblemList(maxProblems);
  }

  ignore(kind: string, n = 1): void {
    this.ignored += n;
    this.ignoredBy[kind] = (this.ignoredBy[kind] ?? 0) + n;
  }

  reject(line: number, code: string, reason: string, extra: Partial<IngestProblem> = {}): void {
    this.rejected.add({ file: this.file, line, reason, code, ...extra });
  }

  warn(line: number, code: string, reason: string, extra: Partial<IngestProblem> = {}): void {
    this.warnings.add({ file: this.file, line, reason, code, ...extra });
  }
}
