type Params = Record<string, string>;

/** A finding as the UI gets it: a code it translates, with the values the sentence names. */
export interface Finding<Code extends string> {
  code: Code;
  params: Params;
}

/**
 * Collects what a verifier found wrong as codes for the UI and, in step, as the English
 * sentences the CLI prints and `--json` keeps in `problems`.
 */
export function findingsIn<Code extends string>(
  english: Record<Code, (p: Params) => string>,
): {
  problems: string[];
  issues: Array<Finding<Code>>;
  add(code: Code, params?: Params): void;
  addAll(other: { problems: string[]; issues: Array<Finding<Code>> }): void;
} {
  const problems: string[] = [];
  const issues: Array<Finding<Code>> = [];
  return {
    problems,
    issues,
    add(code, params = {}) {
      issues.push({ code, params });
      problems.push(english[code](params));
    },
    addAll(other) {
      problems.push(...other.problems);
      issues.push(...other.issues);
    },
  };
}
