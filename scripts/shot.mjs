// Screenshots of pages as a person sees them: node scripts/shot.mjs <base> <email|-> <out-dir> <path>...
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const [base, email, out, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
	executablePath: findChromium() ?? undefined,
	args: CHROMIUM_ARGS
});
const page = await browser.newPage({
	viewport: { width: Number(process.env.WIDTH ?? 1280), height: 900 }
});
if (email && email !== '-') {
	await page.goto(`${base}/login`);
	await page.fill('input[name=email]', email);
	await page.fill('input[name=password]', 'demo-password');
	await page.click('button[type=submit]');
	await page.waitForURL(/\/app/);
}
for (const [i, p] of paths.entries()) {
	await page.goto(`${base}${p}`);
	await page.screenshot({ path: `${out}/${i}.png`, fullPage: true });
}
await browser.close();
