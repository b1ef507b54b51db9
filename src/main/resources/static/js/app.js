// The router: one view per hash route, so every page has its own URL and back/forward work.
import {autocomplete} from './autocomplete.js';
import {searchView} from './search.js';
import {entityView} from './entity.js';
import {graphView} from './graph.js';
import {pathsView} from './paths.js';
import {sourcesView, sourceView} from './sources.js';
import {queryView} from './query.js';
import {figuresView} from './figures.js';

const routes = [
    [/^#\/entity\/([^?]+)/, m => entityView(decodeURIComponent(m[1])), 'search'],
    [/^#\/graph\/([^?]+)/, m => graphView(decodeURIComponent(m[1])), 'search'],
    [/^#\/paths/, () => pathsView(), 'paths'],
    [/^#\/sources/, () => sourcesView(), 'sources'],
    [/^#\/source\/([^?]+)/, m => sourceView(decodeURIComponent(m[1])), 'sources'],
    [/^#\/query/, () => queryView(), 'query'],
    [/^#\/figures/, () => figuresView(), 'figures'],
    [/^/, () => searchView(), 'search'],
];

/** The query part of the hash (#/paths?from=a&to=b), as URLSearchParams. */
export function hashParams() {
    const i = location.hash.indexOf('?');
    return new URLSearchParams(i < 0 ? '' : location.hash.slice(i + 1));
}

/** Replaces the hash's query part; a new history entry unless replace is set. */
export function setHashParams(params, replace = false) {
    const base = location.hash.split('?')[0] || '#/';
    const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v != null)).toString();
    const hash = qs ? `${base}?${qs}` : base;
    if (replace) history.replaceState(null, '', hash);
    else location.hash = hash;
}

let current;
let routing = 0;
async function route() {
    const token = ++routing;
    const view = document.getElementById('view');
    for (const [pattern, render, nav] of routes) {
        const match = location.hash.match(pattern);
        if (!match) continue;
        document.querySelectorAll('[data-nav]').forEach(a => a.classList.toggle('active', a.dataset.nav === nav));
        current?.dispose?.();
        const started = performance.now();
        current = render(match);
        view.replaceChildren(current.element);
        await current.ready;
        if (token !== routing) return;
        // Read by the browser tests: how long the view took from route to fully drawn, and since the page was opened.
        document.body.dataset.viewMs = String(Math.round(performance.now() - started));
        document.body.dataset.readyAtMs = String(Math.round(performance.now()));
        document.body.dataset.view = location.hash || '#/';
        return;
    }
}

const quick = document.getElementById('quick-q');
autocomplete(quick, s => { location.hash = `#/entity/${encodeURIComponent(s.id)}`; quick.value = ''; });
document.getElementById('quick-search').addEventListener('submit', e => {
    e.preventDefault();
    if (quick.value.trim()) location.hash = `#/?${new URLSearchParams({q: quick.value.trim()})}`;
    quick.value = '';
});
window.addEventListener('hashchange', route);
route();
