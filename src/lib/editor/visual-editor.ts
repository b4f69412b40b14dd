import { baseKeymap, setBlockType, toggleMark } from 'prosemirror-commands';
import { history, redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import type { NodeType } from 'prosemirror-model';
import { EditorState, TextSelection, type Command } from 'prosemirror-state';
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import {
	addColumnAfter,
	addRowAfter,
	goToNextCell,
	isInTable,
	tableEditing
} from 'prosemirror-tables';
import { EditorView } from 'prosemirror-view';
import { parseSource, schema, serializeDoc } from './markdown';

const { heading, paragraph, ordered_list, list_item, table, table_row, table_header, table_cell } =
	schema.nodes;

/** The innermost ancestor of the selection of one of the given types, with its depth. */
function ancestor(state: EditorState, type: NodeType): number | null {
	const $from = state.selection.$from;
	for (let d = $from.depth; d > 0; d--) if ($from.node(d).type === type) return d;
	return null;
}

const isHeading = (state: EditorState) => state.selection.$from.parent.type === heading;

/** «Заголовок»: the paragraph becomes a section heading («## I. …»), or back to a paragraph. */
const toggleHeading: Command = (state, dispatch) =>
	isHeading(state)
		? setBlockType(paragraph)(state, dispatch)
		: setBlockType(heading, { level: 2 })(state, dispatch);

/** «Пункт»: inside a numbered list, a new point after the current one; elsewhere the paragraph becomes point 1. */
const addPoint: Command = (state, dispatch) => {
	const itemDepth = ancestor(state, list_item);
	if (itemDepth === null || state.selection.$from.node(itemDepth - 1).type !== ordered_list)
		return wrapInList(ordered_list, { tight: true })(state, dispatch);
	if (dispatch) {
		const after = state.selection.$from.after(itemDepth);
		const tr = state.tr.insert(after, list_item.create(null, paragraph.create()));
		dispatch(tr.setSelection(TextSelection.create(tr.doc, after + 2)).scrollIntoView());
	}
	return true;
};

/** «Подпункт»: the point moves one level in, under the point before it; a new sub-point when it cannot. */
const addSubPoint: Command = (state, dispatch) => {
	if (sinkListItem(list_item)(state, dispatch)) return true;
	const itemDepth = ancestor(state, list_item);
	if (itemDepth === null) return false;
	if (dispatch) {
		const end = state.selection.$from.end(itemDepth);
		const tr = state.tr.insert(
			end,
			ordered_list.create({ tight: true }, list_item.create(null, paragraph.create()))
		);
		dispatch(tr.setSelection(TextSelection.create(tr.doc, end + 3)).scrollIntoView());
	}
	return true;
};

/** «Таблица»: a table of three columns, a header row and two rows, after the current block. */
const insertTable: Command = (state, dispatch) => {
	if (isInTable(state)) return false;
	if (dispatch) {
		const row = (cell: NodeType) =>
			table_row.create(null, [cell.create(), cell.create(), cell.create()]);
		const $from = state.selection.$from;
		const after = $from.depth ? $from.after(1) : state.selection.from;
		const tr = state.tr.insert(
			after,
			table.create(null, [row(table_header), row(table_cell), row(table_cell)])
		);
		dispatch(tr.setSelection(TextSelection.create(tr.doc, after + 3)).scrollIntoView());
	}
	return true;
};

export const commands = {
	heading: toggleHeading,
	point: addPoint,
	subPoint: addSubPoint,
	liftPoint: liftListItem(list_item),
	bold: toggleMark(schema.marks.strong),
	table: insertTable,
	row: addRowAfter,
	column: addColumnAfter
};
export type CommandName = keyof typeof commands;

export interface VisualEditor {
	view: EditorView;
	run(name: CommandName): void;
	/** Which commands apply where the cursor is (a table's rows only inside a table). */
	available(): Record<CommandName, boolean>;
	isActive(name: 'heading' | 'bold'): boolean;
	destroy(): void;
}

/**
 * Mounts the editor over a Markdown text. `onChange` gets the Markdown after every edit: blocks not
 * touched as they were written, edited ones in the house style (see ./markdown.ts).
 */
export function mountVisualEditor(
	place: HTMLElement,
	source: string,
	options: { label: string; onChange: (markdown: string) => void; onSelection: () => void }
): VisualEditor {
	const parsed = parseSource(source);
	const state = EditorState.create({
		doc: parsed.doc,
		plugins: [
			history(),
			keymap({
				'Mod-z': undo,
				'Shift-Mod-z': redo,
				'Mod-y': redo,
				'Mod-b': commands.bold,
				Enter: splitListItem(list_item),
				Tab: (s, d) => goToNextCell(1)(s, d) || sinkListItem(list_item)(s, d),
				'Shift-Tab': (s, d) => goToNextCell(-1)(s, d) || liftListItem(list_item)(s, d)
			}),
			keymap(baseKeymap),
			tableEditing()
		]
	});
	const view = new EditorView(place, {
		state,
		attributes: {
			class: 'doc-body visual-editor',
			role: 'textbox',
			'aria-multiline': 'true',
			'aria-label': options.label
		},
		dispatchTransaction(tr) {
			view.updateState(view.state.apply(tr));
			if (tr.docChanged) options.onChange(serializeDoc(view.state.doc, parsed));
			options.onSelection();
		}
	});
	return {
		view,
		run(name) {
			commands[name](view.state, view.dispatch, view);
			view.focus();
		},
		available() {
			const out = {} as Record<CommandName, boolean>;
			for (const name of Object.keys(commands) as CommandName[])
				out[name] = commands[name](view.state);
			return out;
		},
		isActive(name) {
			if (name === 'heading') return isHeading(view.state);
			const { from, to, empty, $from } = view.state.selection;
			const strong = schema.marks.strong;
			return empty
				? !!strong.isInSet(view.state.storedMarks ?? $from.marks())
				: view.state.doc.rangeHasMark(from, to, strong);
		},
		destroy: () => view.destroy()
	};
}
