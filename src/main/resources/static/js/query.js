// The query console for researchers: SPARQL, Cypher and the saved questions, answered as tables
// (entities link to their page, ids show their labels) with a CSV download.
import {cypher, get, labels, ontology, sparql} from './api.js';
import {autocomplete} from './autocomplete.js';
import {hashParams, setHashParams} from './app.js';
import {downloadCsv, el, put, empty, fill} from './util.js';

const PREFIXES = ['kg:', 'res:', 'rdf:', 'rdfs:', 'owl:', 'xsd:', 'skos:', 'dcterms:'];

const SPARQL_EXAMPLES = [
    ['Devices and what they run', `SELECT ?device ?os ?evidence WHERE {
    ?device a kg:Device ; kg:runs ?os .
    ?r rdf:reifies <<( ?device kg:runs ?os )>> ; kg:evidence ?evidence .
}`],
    ['Full-text search, typo and all', `SELECT ?entity ?score WHERE {
    (?entity ?score) kg:search ("nearlnk" 5)
}`],
    ['Market-share figures by segment', `SELECT ?observation ?segment ?trend ?period WHERE {
    ?observation kg:metric "market-share" ; kg:inSegment ?segment ;
                              kg:trend ?trend ; kg:period ?period .
} ORDER BY ?segment`],
    ['What each source supports', `SELECT ?source (COUNT(?r) AS ?facts) WHERE {
    ?r rdf:reifies ?triple ; kg:source ?source .
} GROUP BY ?source ORDER BY DESC(?facts)`],
];

const CYPHER_EXAMPLES = [
    ['Devices and what they run', `MATCH (d:Device)-[r:RUNS]->(os)
RETURN d, os, r.evidence AS evidence, r.source AS source`],
    ['NearLink to the watch', `MATCH p = SHORTEST 3 (a:Resource {id: 'nearlink'})-[]-{1,3}(b:Resource {id: 'huawei-watch-gt-4'})
RETURN p`],
    ['Relations of Huawei by type', `MATCH (:Vendor {id: 'huawei'})-[r]-()
RETURN type(r) AS relation, count(*) AS count ORDER BY count DESC`],
];

export function queryView() {
    const tab = hashParams().get('tab') || 'sparql';
    const tabs = [['sparql', 'SPARQL'], ['cypher', 'Cypher'], ['questions', 'Saved questions']];
    const panel = el('div', {class: 'query-panel', role: 'tabpanel', id: `panel-${tab}`});
    const element = el('section', {class: 'query-view'},
            el('h1', {}, 'Query console'),
            el('div', {class: 'tabs', role: 'tablist'}, tabs.map(([key, label]) => el('a', {
                role: 'tab', href: `#/query?tab=${key}`, id: `tab-${key}`, 'aria-selected': String(key === tab), class: key === tab ? 'active' : ''}, label))),
            panel);
    const ready = (async () => {
        const onto = await ontology();
        if (tab === 'questions') await questions(panel, onto);
        else editor(panel, tab, onto);
    })();
    return {element, ready};
}

function editor(panel, language, onto) {
    const examples = language === 'sparql' ? SPARQL_EXAMPLES : CYPHER_EXAMPLES;
    const initial = hashParams().get('q') || examples[0][1];
    const text = el('textarea', {id: 'query-text', rows: 7, spellcheck: 'false', 'aria-label': `${language} query`}, initial);
    const results = el('div', {class: 'query-results'});
    const run = () => {
        setHashParams({tab: language, q: text.value}, true);
        return fill(results, 'Running', async () => table(language === 'sparql'
                ? await sparqlTable(text.value, onto) : await cypherTable((await cypher(text.value)), onto), language));
    };
    text.addEventListener('keydown', e => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); } });
    // A shared link (#/query?tab=sparql&q=...) shows its answer at once.
    if (hashParams().get('q')) run();
    put(panel,
            language === 'sparql'
                    ? el('p', {class: 'muted'}, 'Declared for every query: ', PREFIXES.map((p, i) => [i ? ' ' : '', el('code', {}, p)]),
                            ` (kg: is ${onto.vocabulary}, res: is ${onto.resourceBase}).`)
                    : el('p', {class: 'muted'}, 'Read-only Cypher over the property graph: node labels are classes, relationship types UPPER_SNAKE_CASE.'),
            el('div', {class: 'examples'}, 'Examples: ', examples.map(([name, query]) =>
                    el('button', {type: 'button', class: 'small', onclick: () => { text.value = query; run(); }}, name))),
            text,
            el('p', {}, el('button', {type: 'button', id: 'run-query', onclick: run}, 'Run'), el('span', {class: 'muted'}, ' Ctrl+Enter runs it too.')),
            results);
}

/** Rows of {text, id?, label?} cells; ids get their labels in one call before drawing. */
async function sparqlTable(query, onto) {
    const answer = await sparql(query);
    if (answer.boolean !== undefined) return {columns: ['answer'], rows: [[{text: String(answer.boolean)}]]};
    const columns = answer.head.vars;
    const base = onto.resourceBase;
    const rows = answer.results.bindings.map(b => columns.map(v => {
        const term = b[v];
        if (!term) return {text: ''};
        if (term.type === 'uri' && term.value.startsWith(base)) return {text: term.value, id: term.value.slice(base.length)};
        if (term.type === 'uri' && term.value.startsWith(onto.vocabulary)) return {text: term.value, label: `kg:${term.value.slice(onto.vocabulary.length)}`};
        return {text: term.value};
    }));
    return withLabels(columns, rows, onto);
}

function cypherCell(value) {
    if (value === null || value === undefined) return {text: ''};
    if (typeof value !== 'object') return {text: String(value), maybeId: typeof value === 'string'};
    if (Array.isArray(value)) {
        const parts = value.map(cypherCell);
        return {text: parts.map(p => p.text).join('; '), parts, list: true};
    }
    switch (value.kind) {
        case 'node': return {text: value.id ?? value.elementId, id: value.id, label: value.properties?.label};
        case 'relationship': return {text: value.type};
        case 'path': {
            const parts = [];
            value.nodes.forEach((n, i) => {
                if (i) parts.push({text: value.relationships?.[i - 1]?.type ? `—${value.relationships[i - 1].type}—` : '—'});
                parts.push(cypherCell(n));
            });
            return {text: parts.map(p => p.text).join(' '), parts};
        }
        default: return {text: JSON.stringify(value)};
    }
}

async function cypherTable(answer, onto) {
    const rows = answer.rows.map(r => r.map(cypherCell));
    return withLabels(answer.columns, rows, onto, answer.truncated);
}

/** Strings that are ids of resources become links with their labels (one SPARQL call for all). */
async function withLabels(columns, rows, onto, truncated = false) {
    const cells = rows.flat().flatMap(c => c.parts ? c.parts : [c]);
    const candidates = cells.filter(c => c.id && !c.label || c.maybeId).map(c => c.id || c.text);
    const known = await labels(candidates, onto.resourceBase).catch(() => new Map());
    for (const c of cells) {
        const id = c.id || (c.maybeId ? c.text : null);
        if (id && known.has(id)) { c.id = id; c.label ??= known.get(id); }
    }
    return {columns, rows, truncated};
}

function renderCell(c) {
    const one = x => x.id ? el('a', {href: `#/entity/${encodeURIComponent(x.id)}`, class: 'entity', title: x.id}, x.label || x.id)
            : (x.label ? el('span', {title: x.text}, x.label) : x.text);
    return c.parts ? c.parts.map((p, i) => [i ? (c.list ? ', ' : ' ') : '', one(p)]) : one(c);
}

function table({columns, rows, truncated}, name) {
    if (!rows.length) return empty('The query ran and found nothing.');
    return [
        el('p', {class: 'result-bar'}, `${rows.length} row${rows.length > 1 ? 's' : ''}${truncated ? ' (truncated)' : ''} `,
                el('button', {type: 'button', class: 'small', id: 'download-csv',
                    onclick: () => downloadCsv(`${name}.csv`, columns, rows.map(r => r.map(c => c.text)))}, 'Download CSV')),
        el('div', {class: 'table-scroll'}, el('table', {class: 'data', id: 'query-table'},
                el('thead', {}, el('tr', {}, columns.map(c => el('th', {scope: 'col'}, c)))),
                el('tbody', {}, rows.map(r => el('tr', {}, r.map(c => el('td', {}, renderCell(c)))))))),
    ];
}

async function questions(panel, onto) {
    const list = await get('/api/questions');
    put(panel,
            el('p', {class: 'muted'}, 'Questions saved as Cypher files; answered with labels, every entity linked.'),
            list.length ? list.map(q => questionForm(q, onto)) : empty('No saved questions.'));
}

function questionForm(q, onto) {
    const results = el('div', {class: 'query-results'});
    const inputs = q.parameters.map(p => {
        const example = (p.description.match(/such as ([\w-]+)/) || [])[1] || '';
        const input = el('input', {type: 'text', name: p.name, id: `q-${q.name}-${p.name}`, value: example, autocomplete: 'off', required: true});
        autocomplete(input, () => {});
        return {p, input};
    });
    const form = el('form', {class: 'question', id: `question-${q.name}`, onsubmit: e => {
        e.preventDefault();
        const params = Object.fromEntries(inputs.map(({p, input}) => [p.name, input.dataset.id || input.value.trim()]));
        fill(results, 'Asking', async () => table(await cypherTable(await get(`/api/questions/${encodeURIComponent(q.name)}`, params), onto), q.name));
    }},
            el('h2', {}, q.name.replace(/-/g, ' ').replace(/^./, c => c.toUpperCase())),
            el('p', {class: 'small'}, q.description),
            el('div', {class: 'question-row'},
                    inputs.map(({p, input}) => el('label', {class: 'combo', title: p.description}, `${p.name} `, input)),
                    el('button', {type: 'submit'}, 'Ask'),
                    el('span', {class: 'muted small'}, inputs.map(({p}) => p.description).join('; '))),
            results);
    return form;
}
