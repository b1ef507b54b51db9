// Autocomplete on /api/suggest for any text input: arrow keys move, Enter picks, Escape closes.
import {get} from './api.js';
import {el} from './util.js';

let counter = 0;

/**
 * @param input    the text input
 * @param onPick   called with the suggestion ({id, label, matched, types}) the user picked
 */
export function autocomplete(input, onPick) {
    const listId = `suggest-${++counter}`;
    const list = el('ul', {id: listId, class: 'suggestions', role: 'listbox', hidden: true});
    input.after(list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', listId);
    input.setAttribute('aria-expanded', 'false');
    let items = [];
    let active = -1;
    let timer;
    let asked = 0;

    const close = () => {
        list.hidden = true;
        input.setAttribute('aria-expanded', 'false');
        active = -1;
    };
    const highlight = index => {
        active = index;
        [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    };
    const pick = s => {
        input.value = s.label;
        input.dataset.id = s.id;
        close();
        onPick(s);
    };

    input.addEventListener('input', () => {
        delete input.dataset.id;
        clearTimeout(timer);
        const q = input.value.trim();
        if (!q) return close();
        timer = setTimeout(async () => {
            const mine = ++asked;
            try {
                const answer = await get('/api/suggest', {q, limit: 8});
                if (mine !== asked) return;
                items = answer.suggestions;
                list.replaceChildren(...items.map((s, i) => el('li', {
                    role: 'option', id: `${listId}-${i}`, 'aria-selected': 'false',
                    onmousedown: e => { e.preventDefault(); pick(s); },
                }, el('span', {class: 'label'}, s.label),
                        s.matched && s.matched !== s.label ? el('span', {class: 'matched'}, ` (${s.matched})`) : null,
                        el('span', {class: 'type'}, s.types.join(', ')))));
                list.hidden = items.length === 0;
                input.setAttribute('aria-expanded', String(!list.hidden));
                highlight(-1);
            } catch (e) {
                close();
            }
        }, 120);
    });
    input.addEventListener('keydown', e => {
        if (list.hidden) return;
        if (e.key === 'ArrowDown') { e.preventDefault(); highlight((active + 1) % items.length); }
        else if (e.key === 'ArrowUp') { e.preventDefault(); highlight((active - 1 + items.length) % items.length); }
        else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); pick(items[active]); }
        else if (e.key === 'Escape') close();
    });
    input.addEventListener('blur', () => setTimeout(close, 150));
}
