// Search first: one box with autocomplete, ranked hits with why they matched, facets and paging.
import {get, ontology} from './api.js';
import {autocomplete} from './autocomplete.js';
import {hashParams, setHashParams} from './app.js';
import {el, empty, entityLink, fill, highlighted, typeChip} from './util.js';

const PAGE = 10;
// Types every entity has: as facets they narrow nothing.
const UNINFORMATIVE = new Set(['Resource', 'Entity']);
const WHY = {name: 'name', description: 'description', evidence: 'evidence', alias: 'alias'};

let sourceTitles;
function titles() {
    sourceTitles ??= get('/api/sources').then(list => new Map(list.map(s => [s.source.id, s.source.title])))
            .catch(() => new Map());
    return sourceTitles;
}

export function searchView() {
    const params = hashParams();
    const q = params.get('q') || '';
    const input = el('input', {type: 'search', id: 'q', name: 'q', value: q, autocomplete: 'off',
        placeholder: 'A vendor, product, technology… (typos and 中文 welcome)', 'aria-label': 'Search the graph'});
    const form = el('form', {class: 'search', role: 'search', onsubmit: e => {
        e.preventDefault();
        if (input.value.trim()) setHashParams({q: input.value.trim()});
    }}, el('div', {class: 'combo'}, input), el('button', {type: 'submit'}, 'Search'));
    autocomplete(input, s => { location.hash = `#/entity/${encodeURIComponent(s.id)}`; });
    const results = el('div', {class: 'results'});
    const element = el('section', {class: 'search-view'}, el('h1', {}, 'Explore the graph'), form, results);
    setTimeout(() => input.focus());
    const ready = q ? fill(results, 'Searching', () => renderResults(params)) : fill(results, 'Loading', intro);
    return {element, ready};
}

async function intro() {
    const sources = await get('/api/sources');
    return [
        el('p', {class: 'hint'}, 'Type a name, an alias or a word from the evidence: ',
                ['nearlnk', '鸿蒙', 'watch', 'market share'].map((t, i) => [i ? ' · ' : '',
                    el('a', {href: `#/?q=${encodeURIComponent(t)}`}, t)])),
        el('h2', {}, 'What the graph is built from'),
        el('ul', {class: 'plain'}, sources.map(s => el('li', {},
                el('a', {href: `#/source/${encodeURIComponent(s.source.id)}`}, s.source.title),
                ` — ${s.relations} facts, ${s.observations} figures`))),
    ];
}

async function renderResults(params) {
    const q = params.get('q');
    const type = params.get('type') || '';
    const source = params.get('source') || '';
    const offset = Number(params.get('offset') || 0);
    const [answer, sources, onto] = await Promise.all([
        get('/api/search', {q, type, source, limit: PAGE, offset}), titles(), ontology()]);
    const className = t => onto.classesByName.get(t)?.label || t;
    const narrow = change => setHashParams({q, type, source, ...change, offset: ''});
    const facets = el('aside', {class: 'facets', 'aria-label': 'Narrow the results'},
            facet('Type', answer.facets.type, type, className, t => narrow({type: t === type ? '' : t}), UNINFORMATIVE),
            facet('Source', answer.facets.source, source, id => sources.get(id) || id, s => narrow({source: s === source ? '' : s})));
    if (!answer.hits.length) {
        return [facets, el('div', {class: 'hits'}, empty(`Nothing matches “${q}”${type || source ? ' with these filters' : ''}. `
                + 'Try fewer words, another spelling, or remove a filter.'))];
    }
    const hits = el('ol', {class: 'hits', start: offset + 1}, answer.hits.map(hit => el('li', {class: 'hit'},
            el('div', {class: 'hit-head'}, entityLink(hit.id, hit.label), ' ', hit.types.map(t => typeChip(className(t))),
                    el('span', {class: 'muted'}, ` ${hit.relations} relation${hit.relations === 1 ? '' : 's'}`)),
            why(hit, sources))));
    const last = Math.min(offset + PAGE, answer.total);
    const pager = el('nav', {class: 'pager', 'aria-label': 'Result pages'},
            el('button', {type: 'button', disabled: offset === 0, onclick: () => setHashParams({q, type, source, offset: Math.max(0, offset - PAGE)})}, '← Previous'),
            el('span', {}, `${offset + 1}–${last} of ${answer.total}`),
            el('button', {type: 'button', disabled: last >= answer.total, onclick: () => setHashParams({q, type, source, offset: offset + PAGE})}, 'Next →'));
    return [facets, el('div', {class: 'hits-col'}, hits, pager)];
}

/** Why a hit matched: its highlights; a hit never shows an empty reason. */
function why(hit, sources) {
    const lines = Object.entries(hit.highlights || {}).filter(([, v]) => v).map(([field, fragment]) =>
            el('div', {class: 'why'}, el('span', {class: 'why-field'}, `${WHY[field] || field}: `), highlighted(fragment),
                    field === 'evidence' && hit.evidenceSource ? el('span', {class: 'muted'}, ` — ${sources.get(hit.evidenceSource) || hit.evidenceSource}`) : null));
    if (!lines.length) {
        lines.push(el('div', {class: 'why'}, el('span', {class: 'why-field'}, 'matched: '),
                `its type (${hit.types.join(', ')}) or one of its properties`));
    }
    return lines;
}

function facet(title, counts, selected, name, choose, skip = new Set()) {
    const entries = Object.entries(counts || {}).filter(([k]) => !skip.has(k)).sort((a, b) => b[1] - a[1]);
    if (!entries.length) return null;
    return el('fieldset', {class: 'facet'}, el('legend', {}, title), entries.map(([key, count]) =>
            el('button', {type: 'button', class: key === selected ? 'facet-value selected' : 'facet-value',
                'aria-pressed': String(key === selected), onclick: () => choose(key)}, `${name(key)} `, el('span', {class: 'count'}, count))));
}
