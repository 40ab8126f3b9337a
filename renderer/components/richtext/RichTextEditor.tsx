import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { ActionIcon, Group, Text, Tooltip } from '@mantine/core';
import {
  IconArrowBackUp,
  IconArrowForwardUp,
  IconBold,
  IconCalendarDown,
  IconCalendarUp,
  IconItalic,
  IconList,
  IconListNumbers,
} from '@tabler/icons-react';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import type { PeriodField, PeriodFieldValues, RichTextDoc } from '../../../shared/richtext';
import { fromEditorJson, sameDoc } from './fromEditorJson';
import { richTextExtensions } from './extensions';
import classes from './RichTextEditor.module.css';

interface ToolbarButton {
  key: string;
  label: string;
  shortcut?: string;
  ariaShortcut?: string;
  icon: ReactNode;
  pressed?: boolean;
  disabled?: boolean;
  run(): void;
}

/** A toolbar with one tab stop; arrow keys, Home and End move between its buttons (WAI-ARIA toolbar). */
function Toolbar({ label, buttons }: { label: string; buttons: ToolbarButton[] }) {
  const [active, setActive] = useState(0);
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const move = (event: KeyboardEvent) => {
    const last = buttons.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? active === last
          ? 0
          : active + 1
        : event.key === 'ArrowLeft'
          ? active === 0
            ? last
            : active - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    refs.current[next]?.focus();
  };
  return (
    <Group gap={4} role="toolbar" aria-label={label} className={classes.toolbar} onKeyDown={move}>
      {buttons.map((b, index) => (
        <Tooltip key={b.key} label={b.shortcut ? `${b.label} (${b.shortcut})` : b.label} openDelay={400}>
          <ActionIcon
            ref={(el) => {
              refs.current[index] = el;
            }}
            variant={b.pressed ? 'filled' : 'subtle'}
            color={b.pressed ? 'blue' : 'gray'}
            aria-label={b.label}
            aria-pressed={b.pressed === undefined ? undefined : b.pressed}
            aria-keyshortcuts={b.ariaShortcut}
            disabled={b.disabled}
            tabIndex={index === active ? 0 : -1}
            onFocus={() => setActive(index)}
            // keep the editor's selection: the click must not move focus away before the command runs
            onMouseDown={(e) => e.preventDefault()}
            onClick={b.run}
          >
            {b.icon}
          </ActionIcon>
        </Tooltip>
      ))}
    </Group>
  );
}

function useToolbarState(editor: Editor | null) {
  return useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      bulletList: e?.isActive('bulletList') ?? false,
      orderedList: e?.isActive('orderedList') ?? false,
      canUndo: e?.can().undo() ?? false,
      canRedo: e?.can().redo() ?? false,
    }),
  });
}

/**
 * ProseMirror's document needs at least one block; the stored empty document has none, and an
 * editor built from it has no place for the cursor (marks like Ctrl+B would have nowhere to go).
 */
function forEditor(doc: RichTextDoc): RichTextDoc {
  return doc.content.length > 0 ? doc : { type: 'doc', content: [{ type: 'paragraph' }] };
}

export interface RichTextEditorProps {
  /** the accessible name of the text area, e.g. the section's heading */
  label: string;
  value: RichTextDoc;
  onChange(doc: RichTextDoc): void;
  /** called when focus leaves the text: a good moment to save */
  onBlur?(): void;
  error?: string;
  /** for tests and labels: the id of the editable element */
  id?: string;
  /** what the period fields show: the dates of the version being edited */
  fields: PeriodFieldValues;
}

/**
 * The rich-text editor for agreement sections (TipTap). Value in, value out as the stored JSON of
 * `shared/richtext.ts` — never HTML. Ctrl+B bold, Ctrl+I italic, Ctrl+Shift+8 bulleted list,
 * Ctrl+Shift+7 numbered list, Shift+Enter line break, Ctrl+Z undo; two buttons insert the
 * period's first and last day as fields.
 */
export function RichTextEditor({ label, value, onChange, onBlur, error, id, fields }: RichTextEditorProps) {
  const { t } = useTranslation();
  const onChangeRef = useRef(onChange);
  const onBlurRef = useRef(onBlur);
  onChangeRef.current = onChange;
  onBlurRef.current = onBlur;

  // Options must keep their identity between renders: useEditor re-applies changed options on
  // every render, and re-applying resets pending marks (Ctrl+B in an empty line would be lost).
  const initialContent = useRef(forEditor(value)).current;
  const editorProps = useMemo(
    () => ({
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        ...(id ? { id } : {}),
        ...(error ? { 'aria-invalid': 'true' } : {}),
      },
    }),
    [label, id, error],
  );
  // Built once, like every option: a field asks for its text when drawn, so new dates (the
  // version's period edited) only need the fields drawn again, not a new editor.
  const fieldValues = useRef(fields);
  const describe = useRef((field: PeriodField) => t(`richtext.fieldTitle.${field}`));
  const extensions = useRef(
    richTextExtensions(
      (field) => fieldValues.current[field],
      (field) => describe.current(field),
    ),
  ).current;
  const editor = useEditor({
    extensions,
    content: initialContent,
    editorProps,
    onUpdate: ({ editor: e }) => onChangeRef.current(fromEditorJson(e.getJSON())),
    onBlur: () => onBlurRef.current?.(),
  });
  describe.current = (field: PeriodField) => t(`richtext.fieldTitle.${field}`);

  const { validFrom, validTo } = fields;
  useEffect(() => {
    const before = fieldValues.current;
    if (before.validFrom === validFrom && before.validTo === validTo) return;
    fieldValues.current = { validFrom, validTo };
    if (editor && !editor.isDestroyed) editor.commands.setContent(editor.getJSON(), { emitUpdate: false });
  }, [editor, validFrom, validTo]);

  // A value from outside (another version loaded, a reload after saving elsewhere) replaces the
  // content only when it really differs, so the cursor is not thrown around while typing.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    if (!sameDoc(fromEditorJson(editor.getJSON()), value))
      editor.commands.setContent(forEditor(value), { emitUpdate: false });
  }, [editor, value]);

  const state = useToolbarState(editor);
  const chain = () => editor!.chain().focus();
  const buttons: ToolbarButton[] = [
    {
      key: 'bold',
      label: t('richtext.bold'),
      shortcut: 'Ctrl+B',
      ariaShortcut: 'Control+B',
      icon: <IconBold size={18} aria-hidden />,
      pressed: state?.bold ?? false,
      run: () => chain().toggleBold().run(),
    },
    {
      key: 'italic',
      label: t('richtext.italic'),
      shortcut: 'Ctrl+I',
      ariaShortcut: 'Control+I',
      icon: <IconItalic size={18} aria-hidden />,
      pressed: state?.italic ?? false,
      run: () => chain().toggleItalic().run(),
    },
    {
      key: 'bulletList',
      label: t('richtext.bulletList'),
      shortcut: 'Ctrl+Shift+8',
      ariaShortcut: 'Control+Shift+8',
      icon: <IconList size={18} aria-hidden />,
      pressed: state?.bulletList ?? false,
      run: () => chain().toggleBulletList().run(),
    },
    {
      key: 'orderedList',
      label: t('richtext.orderedList'),
      shortcut: 'Ctrl+Shift+7',
      ariaShortcut: 'Control+Shift+7',
      icon: <IconListNumbers size={18} aria-hidden />,
      pressed: state?.orderedList ?? false,
      run: () => chain().toggleOrderedList().run(),
    },
    {
      key: 'validFrom',
      label: t('richtext.insertValidFrom'),
      icon: <IconCalendarDown size={18} aria-hidden />,
      run: () =>
        chain()
          .insertContent({ type: 'periodField', attrs: { field: 'validFrom' } })
          .run(),
    },
    {
      key: 'validTo',
      label: t('richtext.insertValidTo'),
      icon: <IconCalendarUp size={18} aria-hidden />,
      run: () =>
        chain()
          .insertContent({ type: 'periodField', attrs: { field: 'validTo' } })
          .run(),
    },
    {
      key: 'undo',
      label: t('richtext.undo'),
      shortcut: 'Ctrl+Z',
      ariaShortcut: 'Control+Z',
      icon: <IconArrowBackUp size={18} aria-hidden />,
      disabled: !state?.canUndo,
      run: () => chain().undo().run(),
    },
    {
      key: 'redo',
      label: t('richtext.redo'),
      shortcut: 'Ctrl+Shift+Z',
      ariaShortcut: 'Control+Shift+Z',
      icon: <IconArrowForwardUp size={18} aria-hidden />,
      disabled: !state?.canRedo,
      run: () => chain().redo().run(),
    },
  ];

  return (
    <div>
      <div className={`${classes.frame} ${error ? classes.frameError : ''}`}>
        <Toolbar label={t('richtext.toolbar', { name: label })} buttons={buttons} />
        <EditorContent editor={editor} className={classes.content} />
      </div>
      {error && (
        <Text size="sm" c="red" mt={4} role="alert">
          {error}
        </Text>
      )}
    </div>
  );
}
