const WEIGHTS_10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: number[], weights: number[]): number {
	const sum = weights.reduce((acc, w, i) => acc + w * digits[i]!, 0);
	return (sum % 11) % 10;
}

/** ИНН: 10 digits for a legal entity, 12 for a person, each with its control digits. */
export function isValidInn(value: string): boolean {
	if (!/^\d{10}$|^\d{12}$/.test(value)) return false;
	const d = [...value].map(Number);
	if (d.length === 10) return checkDigit(d, WEIGHTS_10) === d[9];
	return checkDigit(d, WEIGHTS_11) === d[10] && checkDigit(d, WEIGHTS_12) === d[11];
}
