import { describe, expect, it } from 'vitest';
import { highlightHtml, START_SEL, STOP_SEL } from '../../src/lib/server/public/highlight';

const mark = (word: string) => `${START_SEL}${word}${STOP_SEL}`;

describe('highlightHtml', () => {
	it('turns the sentinels into <mark> and escapes everything else', () => {
		expect(highlightHtml(`Учитель заполняет ${mark('журнал')} & <b>"дневник"</b>`, false)).toBe(
			'Учитель заполняет <mark>журнал</mark> &amp; &lt;b&gt;&quot;дневник&quot;&lt;/b&gt;'
		);
	});

	it('never leaves a <mark> open or closes one that is not open, whatever sentinels the text held', () => {
		expect(
			highlightHtml(
				`${STOP_SEL}а ${START_SEL}${START_SEL}б${STOP_SEL}${STOP_SEL} в ${START_SEL}г`,
				false
			)
		).toBe('а <mark>б</mark> в <mark>г</mark>');
	});

	it('cannot be made to emit markup of the source', () => {
		const html = highlightHtml(`<img src=x onerror=alert(1)> ${mark('<script>')}`, false);
		expect(html).not.toMatch(/<(img|script)/);
		expect(html).toBe('&lt;img src=x onerror=alert(1)&gt; <mark>&lt;script&gt;</mark>');
	});

	it('drops Markdown markup that reads as noise in a snippet and folds whitespace', () => {
		expect(
			highlightHtml(
				`## 1. Общие\n\n**Срок** — ${mark('журнал')} | 01.09 |\n- пункт [ссылка](https://example.ru)`
			)
		).toBe('1. Общие Срок — <mark>журнал</mark> 01.09 пункт ссылка');
	});
});
