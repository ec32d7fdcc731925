import { CLASSIFY_RULES } from './classify-rules.ts';

/**
 * The classifier's rule table as Markdown, for scenarios/stacks/policy/README.md (a test keeps
 * the README's copy equal to this).
 */
export function formatRulesMarkdown(): string {
  const cell = (s: string): string => s.replaceAll('|', '\\|').replace(/\s+/g, ' ');
  const rows = CLASSIFY_RULES.map((r, i) => {
    const final = r.kind === 'path' && r.final ? ' (final: the file is not read further)' : '';
    return `| ${i + 1} | \`${r.id}\` | ${r.classes.map((c) => `\`${c}\``).join(', ')} | ${cell(r.matches)}${final} | ${cell(r.why)} |`;
  });
  return ['| # | rule | classes | matches | why |', '|---|---|---|---|---|', ...rows].join('\n');
}
