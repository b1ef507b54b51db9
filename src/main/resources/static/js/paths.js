// "How is A connected to B": shortest paths with every entity on the way and each edge's evidence.
import {get, ontology} from './api.js';
import {autocomplete} from './autocomplete.js';
import {hashParams, setHashParams} from './app.js';
import {confidence, el, empty, entityLink, evidence, fill, sourceLink} from './util.js';

const MAX_HOPS = 6;

export function pathsView() {
    const params = hashParams();
    const from = endInput('from', 'From', params.get('from'));
    const to = endInput('to', 'To', params.get('to'));
    const hops = el('select', {id: 'path-hops', name: 'maxHops'},
            Array.from({length: MAX_HOPS}, (_, i) => i + 1).map(h =>
                    el('option', {value: h, selected: String(h) === (params.get('maxHops') || '3')}, `${h} hop${h > 1 ? 's' : ''}`)));
    const relation = el('select', {id: 'path-relation', name: 'relation'}, el('option', {value: ''}, 'any relation'));
    const results = el('div', {class: 'path-results'});
    const form = el('form', {class: 'path-form', onsubmit: e => {
        e.preventDefault();
        setHashParams({from: from.input.dataset.id || from.input.value.trim(), to: to.input.dataset.id || to.input.value.trim(),
            maxHops: hops.value, relation: relation.value});
    }}, from.box, to.box, el('label', {}, 'within ', hops), el('label', {}, 'using ', relation),
            el('button', {type: 'submit'}, 'Find paths'));
    const element = el('section', {class: 'paths-view'}, el('h1', {}, 'How are they connected?'), form, results);
    const ready = (async () => {
        const onto = await ontology();
        relation.append(...onto.relations.map(r => el('option', {value: r.name, selected: r.name === params.get('relation')}, r.label)));
        if (params.get('from') && params.get('to')) {
            await fill(results, 'Finding paths', () => render(params, onto));
        } else {
            results.replaceChildren(empty('Pick two entities: start typing a name in each box.'));
            setTimeout(() => from.input.focus());
        }
    })();
    return {element, ready};
}

function endInput(name, label, id) {
    const input = el('input', {type: 'text', id: `path-${name}`, name, autocomplete: 'off', placeholder: 'name or alias', value: id || ''});
    if (id) input.dataset.id = id;
    const box = el('label', {class: 'combo'}, `${label} `, input);
    autocomplete(input, () => {});
    if (id) get(`/api/entities/${encodeURIComponent(id)}`, {relations: 1}).then(e => { if (input.dataset.id === id) input.value = e.label; }).catch(() => {});
    return {input, box};
}

async function render(params, onto) {
    const from = params.get('from');
    const to = params.get('to');
    const maxHops = Number(params.get('maxHops') || 3);
    const relation = params.get('relation') || '';
    const {paths} = await get('/api/paths', {from, to, maxHops, limit: 5, relation: relation || null});
    if (!paths.length) {
        const what = relation ? ` using only “${onto.relationsByName.get(relation)?.label || relation}”` : '';
        const next = maxHops < MAX_HOPS ? el('button', {type: 'button', onclick: () => setHashParams({from, to, maxHops: maxHops + 1, relation})},
                `Try ${maxHops + 1} hops`) : null;
        return el('div', {class: 'empty', role: 'status'},
                el('p', {}, `No path within ${maxHops} hop${maxHops > 1 ? 's' : ''}${what}; `, next || 'try fewer filters.'),
                relation ? el('button', {type: 'button', onclick: () => setHashParams({from, to, maxHops})}, 'Allow any relation') : null);
    }
    return [
        el('p', {class: 'muted'}, `${paths.length} shortest path${paths.length > 1 ? 's' : ''}, ${paths[0].length} hop${paths[0].length > 1 ? 's' : ''}`
                + `${relation ? `, using only “${onto.relationsByName.get(relation)?.label || relation}”` : ''}.`),
        paths.map((p, i) => pathCard(p, i, onto)),
    ];
}

function pathCard(path, index, onto) {
    const nodes = new Map(path.nodes.map(n => [n.id, n]));
    const label = id => nodes.get(id)?.label || id;
    return el('article', {class: 'path'},
            el('h2', {}, `Path ${index + 1}: `, path.nodes.map((n, i) => [i ? el('span', {class: 'arrow'}, ' — ') : null, entityLink(n.id, n.label)])),
            el('ol', {class: 'steps'}, path.edges.map(e => {
                const p = e.provenance || {};
                return el('li', {class: 'step'},
                        el('div', {class: 'statement'}, entityLink(e.from, label(e.from)), ' ',
                                el('strong', {}, onto.relationsByName.get(e.predicate)?.label || e.predicate), ' ', entityLink(e.to, label(e.to))),
                        el('div', {class: 'provenance'}, 'Source: ', sourceLink(p.source), ' ', confidence(p.confidence)),
                        evidence(p.evidence));
            })));
}
