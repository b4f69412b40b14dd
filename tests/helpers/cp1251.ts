/** Encodes text as Windows-1251, as Excel in Russian saves CSV; enough for names and addresses. */
export function encodeCp1251(text: string): Uint8Array {
	const special: Record<string, number> = {
		Ё: 0xa8,
		ё: 0xb8,
		'№': 0xb9,
		'«': 0xab,
		'»': 0xbb,
		'—': 0x97,
		'–': 0x96
	};
	const out: number[] = [];
	for (const ch of text) {
		const code = ch.codePointAt(0)!;
		if (code < 0x80) out.push(code);
		else if (code >= 0x410 && code <= 0x44f) out.push(code - 0x410 + 0xc0);
		else if (ch in special) out.push(special[ch]!);
		else throw new Error(`No Windows-1251 byte for «${ch}»`);
	}
	return Uint8Array.from(out);
}
