import { Node, mergeAttributes } from '@tiptap/core';
import type { PeriodField } from '../../../shared/richtext';

/**
 * The editor's period field: an inline atom that shows one date of the version's period and is
 * stored as which date it is (`{ type: 'periodField', attrs: { field } }`), never as the text.
 * Deleted, moved and marked like one character. `text` is asked each time a field is drawn, so
 * the editor can follow a change of the version's dates without being built anew.
 */
export const PeriodFieldNode = Node.create<{ text(field: PeriodField): string; describe(field: PeriodField): string }>({
  name: 'periodField',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addOptions() {
    return { text: (field) => field, describe: (field) => field };
  },
  addAttributes() {
    return {
      field: {
        default: 'validFrom',
        parseHTML: (element) => element.getAttribute('data-period-field'),
        renderHTML: (attributes) => ({ 'data-period-field': attributes.field as string }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'span[data-period-field]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const field = node.attrs.field as PeriodField;
    return [
      'span',
      mergeAttributes(HTMLAttributes, { class: 'period-field', title: this.options.describe(field) }),
      this.options.text(field),
    ];
  },
  renderText({ node }) {
    return this.options.text(node.attrs.field as PeriodField);
  },
});
