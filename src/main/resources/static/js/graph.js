// The graph view: starts at one entity, expands neighbours on click, filters by relation and
// type, and keeps the relation table in step with what it draws. A node with more neighbours
// than one page shows them as "+N more" rather than drawing them all.
import {get, ontology} from './api.js';
import {hashParams} from './app.js';
import {el, put, entityLink, fill, library, sourceLink} from './util.js';

const PAGE = 25;
const MAX_PAGE = 100;

export function graphView(rootId) {
    const canvas = el('div', {class: 'graph-canvas', id: 'graph-canvas', role: 'img', 'aria-label': 'Graph of the neighbourhood; the table below lists the same connections'});
    const controls = el('div', {class: 'graph-controls'});
    const side = el('aside', {class: 'graph-side', 'aria-live': 'polite'});
    const table = el('div', {class: 'graph-table'});
    const status = el('p', {class: 'muted', id: 'graph-status'});
    const element = el('section', {class: 'graph-view'},
            el('h1', {}, 'Graph'), status,
            el('div', {class: 'graph-layout'}, el('div', {}, controls, canvas), side), table);
    // ?limit= sets the neighbours drawn per page (a smaller page shows the "+N more" node sooner).
    const page = Math.min(MAX_PAGE, Math.max(1, Number(hashParams().get('limit')) || PAGE));
    const state = {rootId, page, nodes: new Map(), edges: new Map(), pages: new Map(), relationOff: new Set(), type: '', cy: null};
    const ready = fill(side, 'Loading the neighbourhood', async () => {
        const [onto, cytoscape] = await Promise.all([ontology(), library('/webjars/cytoscape/dist/cytoscape.min.js', 'cytoscape')]);
        state.onto = onto;
        // Cytoscape measures its container: wait until the view is in the page.
        while (!canvas.isConnected) await new Promise(requestAnimationFrame);
        state.cy = cytoscape({container: canvas, style: STYLE, minZoom: 0.2, maxZoom: 3});
        state.cy.on('tap', 'node', e => tapped(state, e.target.id()));
        state.ui = {controls, side, table, status};
        await expand(state, rootId);
        select(state, rootId);
        return side.childNodes.length ? [...side.childNodes] : [];
    });
    return {element, ready, dispose: () => state.cy?.destroy()};
}

const STYLE = [
    {selector: 'node', style: {label: 'data(label)', 'font-size': 13, 'text-wrap': 'ellipsis', 'text-max-width': 120,
        'background-color': '#3b6ea5', width: 22, height: 22, 'text-valign': 'bottom', 'text-margin-y': 3}},
    {selector: 'node.root', style: {'background-color': '#d9822b', width: 30, height: 30, 'font-weight': 'bold'}},
    {selector: 'node.expanded', style: {'border-width': 3, 'border-color': '#1d3f66'}},
    {selector: 'node.more', style: {shape: 'round-rectangle', 'background-color': '#eee', 'border-width': 1, 'border-color': '#999',
        width: 70, height: 20, 'text-valign': 'center', 'text-margin-y': 0, color: '#333'}},
    {selector: 'node:selected', style: {'overlay-color': '#d9822b', 'overlay-opacity': 0.25}},
    {selector: 'edge', style: {label: 'data(label)', 'font-size': 10, color: '#555', 'curve-style': 'bezier',
        'target-arrow-shape': 'triangle', width: 1.5, 'line-color': '#9bb', 'target-arrow-color': '#9bb',
        'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 0.8}},
    {selector: 'edge.more', style: {'line-style': 'dashed', label: '', 'target-arrow-shape': 'none'}},
    {selector: '.hidden', style: {display: 'none'}},
];

function relationLabel(state, predicate) {
    return state.onto.relationsByName.get(predicate)?.label || predicate;
}

function typeNames(state, node) {
    return node.types.flatMap(t => [t, ...(state.onto.classesByName.get(t)?.superclasses || [])]);
}

/** Loads the next page of a node's neighbours (the first one when it has none yet). */
async function expand(state, id) {
    const page = state.pages.get(id) || {cursor: null, seen: 0, total: null, done: false};
    if (page.done) return;
    const answer = await get(`/api/entities/${encodeURIComponent(id)}/neighbors`, {depth: 1, limit: state.page, cursor: page.cursor});
    const total = (answer.counts || []).reduce((sum, c) => sum + c.count, 0);
    const added = [];
    for (const n of answer.nodes) {
        if (!state.nodes.has(n.id)) { state.nodes.set(n.id, n); added.push({group: 'nodes', data: {id: n.id, label: n.label}}); }
    }
    for (const e of answer.edges) {
        if (!state.edges.has(e.id)) {
            state.edges.set(e.id, e);
            added.push({group: 'edges', data: {id: e.id, source: e.from, target: e.to, label: relationLabel(state, e.predicate)}});
        }
    }
    page.seen += answer.edges.filter(e => e.from === id || e.to === id).length;
    page.total = total;
    page.cursor = answer.nextCursor || null;
    page.done = !answer.nextCursor || page.seen >= total;
    state.pages.set(id, page);
    const cy = state.cy;
    cy.batch(() => {
        cy.add(added);
        cy.getElementById(id).addClass('expanded');
        if (id === state.rootId) cy.getElementById(id).addClass('root');
        cy.remove(cy.getElementById(`more:${id}`));
        const remaining = total - page.seen;
        if (remaining > 0) {
            cy.add([{group: 'nodes', data: {id: `more:${id}`, label: `+${remaining} more`, of: id}, classes: 'more'},
                {group: 'edges', data: {id: `more-edge:${id}`, source: id, target: `more:${id}`}, classes: 'more'}]);
        }
    });
    refresh(state);
    layout(state, id);
}

function layout(state, around) {
    const cy = state.cy;
    cy.layout({name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 400000, idealEdgeLength: () => 110,
        nodeOverlap: 20, componentSpacing: 80, fit: true, padding: 40}).run();
    // A few nodes would otherwise be fitted at a zoom that makes them huge.
    if (cy.zoom() > 1.2) { cy.zoom(1.2); cy.center(); }
    cy.getElementById(around).select();
}

async function tapped(state, id) {
    if (id.startsWith('more:')) {
        const of = state.cy.getElementById(id).data('of');
        await guarded(state, () => expand(state, of));
        return;
    }
    select(state, id);
    if (!state.pages.has(id)) await guarded(state, () => expand(state, id));
}

async function guarded(state, action) {
    state.ui.status.textContent = 'Loading…';
    try {
        await action();
    } catch (e) {
        state.ui.status.textContent = `Could not load: ${e.message}`;
        return;
    }
    refresh(state);
}

function select(state, id) {
    const node = state.nodes.get(id);
    if (!node) return;
    const page = state.pages.get(id);
    state.ui.side.replaceChildren(...[
            el('h2', {}, node.label),
            el('p', {class: 'muted'}, node.types.map(t => state.onto.classesByName.get(t)?.label || t).join(', ')),
            el('p', {}, entityLink(id, 'Open its page')),
            page ? el('p', {class: 'muted'}, `${page.total} connection${page.total === 1 ? '' : 's'}, ${page.seen} drawn`) : null,
            !page || !page.done ? el('button', {type: 'button', onclick: () => guarded(state, () => expand(state, id).then(() => select(state, id)))},
                    page ? 'Show more neighbours' : 'Expand its neighbours') : null,
            el('p', {class: 'hint'}, 'Click a node to expand it; click “+N more” for the next page.')].filter(Boolean));
}

/** Applies the filters to what is drawn, then redraws the controls and the table from it. */
function refresh(state) {
    const cy = state.cy;
    // The nodes expanded by hand stay whatever the type filter: they are where the user is looking from.
    const typeOk = id => !state.type || state.pages.has(id) || typeNames(state, state.nodes.get(id)).includes(state.type);
    cy.batch(() => {
        cy.nodes().not('.more').forEach(n => n.toggleClass('hidden', !typeOk(n.id())));
        cy.edges().not('.more').forEach(e => {
            const edge = state.edges.get(e.id());
            e.toggleClass('hidden', state.relationOff.has(edge.predicate) || !typeOk(edge.from) || !typeOk(edge.to));
        });
        // A node left without a drawn connection is hidden too, unless it was expanded.
        cy.nodes().not('.more').forEach(n => {
            if (!state.pages.has(n.id()) && !n.hasClass('hidden')) {
                n.toggleClass('hidden', n.connectedEdges().not('.more').filter(e => !e.hasClass('hidden')).length === 0);
            }
        });
    });
    const visible = [...state.edges.values()].filter(e => !cy.getElementById(e.id).hasClass('hidden'));
    const drawnNodes = cy.nodes().not('.more').filter(n => !n.hasClass('hidden')).length;
    state.ui.status.textContent = `${drawnNodes} entities and ${visible.length} connections drawn, starting at ${state.nodes.get(state.rootId)?.label}.`;
    controls(state);
    relationTable(state, visible);
}

function controls(state) {
    const predicates = [...new Set([...state.edges.values()].map(e => e.predicate))].sort();
    const types = [...new Set([...state.nodes.values()].flatMap(n => typeNames(state, n)))]
            .filter(t => t !== 'Resource').sort();
    put(state.ui.controls,
            el('fieldset', {class: 'relation-filter'}, el('legend', {}, 'Relations'), predicates.map(p =>
                    el('label', {}, el('input', {type: 'checkbox', value: p, checked: !state.relationOff.has(p), onchange: e => {
                        if (e.target.checked) state.relationOff.delete(p); else state.relationOff.add(p);
                        refresh(state);
                    }}), ` ${relationLabel(state, p)}`))),
            el('label', {class: 'type-filter'}, 'Type ', el('select', {id: 'graph-type', onchange: e => { state.type = e.target.value; refresh(state); }},
                    el('option', {value: ''}, 'all types'),
                    types.map(t => el('option', {value: t, selected: t === state.type}, state.onto.classesByName.get(t)?.label || t)))));
}

function short(text) {
    return text.length > 24 ? `${text.slice(0, 22)}…` : text;
}

function relationTable(state, edges) {
    const label = id => state.nodes.get(id)?.label || id;
    const rows = edges.map(e => el('tr', {},
            el('td', {}, entityLink(e.from, label(e.from))),
            el('td', {}, relationLabel(state, e.predicate)),
            el('td', {}, entityLink(e.to, label(e.to))),
            el('td', {}, e.provenance?.source ? sourceLink(e.provenance.source) : el('span', {class: 'muted'}, '—')),
            el('td', {class: 'evidence-cell'}, e.provenance?.evidence || ''),
            el('td', {}, [e.from, e.to].filter(id => !state.pages.get(id)?.done).map(id =>
                    el('button', {type: 'button', class: 'small', 'aria-label': `Expand ${label(id)}`, title: `Draw the neighbours of ${label(id)}`,
                        onclick: () => guarded(state, () => expand(state, id).then(() => select(state, id)))}, `Expand ${short(label(id))}`)))));
    put(state.ui.table,
            el('h2', {}, `Connections drawn (${edges.length})`),
            el('table', {class: 'data', id: 'graph-relations'},
                    el('thead', {}, el('tr', {}, ['From', 'Relation', 'To', 'Source', 'Evidence', ''].map(h => el('th', {scope: 'col'}, h)))),
                    el('tbody', {}, rows)));
}
