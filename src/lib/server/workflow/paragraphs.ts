/**
 * The paragraphs of a Markdown text as a reviewer sees them: blocks separated by blank lines,
 * each list item and table row its own paragraph. A remark's anchor is the index in this list
 * for one fixed version, so it never drifts when a later version changes the text.
 */
export function paragraphsOf(source: string): string[] {
	const out: string[] = [];
	for (const block of source.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
		const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
		if (!lines.length) continue;
		const itemised = lines.every((l) => /^([-*+]|\d+[.)]|\|)/.test(l));
		if (itemised) for (const l of lines) { if (!/^\|[\s|:-]+\|$/.test(l)) out.push(l); }
		else out.push(lines.join(' '));
	}
	return out;
}
