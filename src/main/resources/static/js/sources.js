// Sources: the documents facts come from, and per source what it supports.
import {get, ontology} from './api.js';
import {hashParams, setHashParams} from './app.js';
import {confidence, el, empty, entityLink, evidence, fill, formatNumber, humanize} from './util.js';

const PAGE = 20;

export function sourcesView() {
    const body = el('div');
    const element = el('section', {class: 'sources-view'}, el('h1', {}, 'Sources'), body);
    const ready = fill(body, 'Loading the sources', async () => {
        const sources = await get('/api/sources');
        if (!sources.length) return empty('No sources yet: import a data file.');
        return el('table', {class: 'data'},
                el('thead', {}, el('tr', {}, ['Title', 'Published', 'Facts', 'Figures'].map(h => el('th', {scope: 'col'}, h)))),
                el('tbody', {}, sources.map(s => el('tr', {},
                        el('td', {}, el('a', {href: `#/source/${encodeURIComponent(s.source.id)}`}, s.source.title || s.source.id),
                                s.description ? el('div', {class: 'muted small'}, s.description) : null),
                        el('td', {}, s.source.publishedOn || 'undated'),
                        el('td', {class: 'num'}, s.relations), el('td', {class: 'num'}, s.observations)))));
    });
    return {element, ready};
}

/**
 * One source and what it supports, a page at a time: with the API's cursor (nextCursor) when
 * it gives one, otherwise by paging through the list it returned.
 */
export function sourceView(id) {
    const body = el('div');
    const element = el('section', {class: 'source-view'}, body);
    const params = hashParams();
    const ready = fill(body, 'Loading the source', async () => {
        // The list carries each source's totals; one page of the detail does not.
        const [detail, onto, all] = await Promise.all([
            get(`/api/sources/${encodeURIComponent(id)}`, {limit: PAGE, cursor: params.get('cursor')}), ontology(),
            get('/api/sources')]);
        const s = detail.source;
        const facts = detail.facts || [];
        const totals = all.find(x => x.source.id === id);
        const cursorPaged = 'nextCursor' in detail;
        const offset = Number(params.get(cursorPaged ? 'from' : 'offset') || 0);
        const total = cursorPaged ? (totals ? totals.relations : offset + facts.length) : facts.length;
        const shown = cursorPaged ? facts : facts.slice(offset, offset + PAGE);
        const range = el('span', {}, `${shown.length ? offset + 1 : 0}–${offset + shown.length} of ${total}`);
        const label = p => onto.relationsByName.get(p)?.label || p;
        const pager = el('nav', {class: 'pager', 'aria-label': 'Pages of facts'},
                cursorPaged
                        ? [el('button', {type: 'button', disabled: !params.get('cursor'), onclick: () => history.back()}, '← Previous'),
                            range,
                            el('button', {type: 'button', disabled: !detail.nextCursor,
                                onclick: () => setHashParams({cursor: detail.nextCursor, from: offset + shown.length})}, 'Next →')]
                        : [el('button', {type: 'button', disabled: offset === 0, onclick: () => setHashParams({offset: Math.max(0, offset - PAGE)})}, '← Previous'),
                            range,
                            el('button', {type: 'button', disabled: offset + PAGE >= facts.length, onclick: () => setHashParams({offset: offset + PAGE})}, 'Next →')]);
        return [
            el('h1', {}, s.title || s.id),
            el('p', {class: 'muted'}, [s.publisher, s.publishedOn || 'no publication date given'].filter(Boolean).join(' · '),
                    s.url ? [' · ', el('a', {href: s.url, target: '_blank', rel: 'noopener'}, 'open the article ↗')] : null),
            detail.description ? el('p', {class: 'description'}, detail.description) : null,
            el('h2', {}, `Facts it supports (${total})`),
            shown.length ? el('ul', {class: 'relation-list plain'}, shown.map(f => el('li', {class: 'relation'},
                    el('div', {class: 'statement'}, entityLink(f.subject.id, f.subject.label), ' ', el('strong', {}, label(f.predicate)), ' ',
                            entityLink(f.object.id, f.object.label), ' ', confidence(f.confidence)),
                    evidence(f.evidence)))) : empty('This source supports no relations.'),
            pager,
            (detail.observations || []).length ? [el('h2', {}, `Figures it reports (${totals ? totals.observations : detail.observations.length})`),
                el('table', {class: 'data'},
                        el('thead', {}, el('tr', {}, ['Figure', 'Of', 'Metric', 'Period', 'Evidence'].map(h => el('th', {scope: 'col'}, h)))),
                        el('tbody', {}, detail.observations.map(o => el('tr', {},
                                el('td', {class: 'figure'}, el('a', {href: `#/entity/${encodeURIComponent(o.id)}`},
                                        o.value !== null && o.value !== undefined ? `${formatNumber(o.value)} ${o.unit || ''}` : (o.trend || o.label))),
                                el('td', {}, o.subject ? entityLink(o.subject.id, o.subject.label) : ''),
                                el('td', {}, humanize(o.metric || '')), el('td', {}, o.period || ''),
                                el('td', {class: 'evidence-cell'}, o.evidence || '')))))] : null,
        ];
    });
    return {element, ready};
}
