import { renderLiquid } from '../src/lib/server/templates/engine';
const p = { full_name: 'Алиева Зарема Рустемовна', position: 'Учитель информатики' };
console.log(await renderLiquid('Назначить администратором {{ p | person: "acc" }}. Возложить на {{ p | person_initials: "acc" }} ({{ p | person_position: "gen" }}). В соответствии с {{ "fz152" | law: "ins" }}, {{ "tk" | law: "ins" }}, {{ "pp1119" | law_short: "ins" }}, {{ "gost7097" | law_short: "ins" }}, {{ "region_education_law" | law: "ins" }}', { p, region: { education_law: 'Закон Республики Крым от 06.07.2015 № 131-ЗРК/2015 «Об образовании в Республике Крым»' } }));
for (const t of ['{{ "rosobr1417" | law }}', '{{ "nope" | law }}', '{{ "region_education_law" | law }}', '{{ p | person }}'])
 try { await renderLiquid(t, { p }); } catch (e) { console.log((e as Error).message); }
