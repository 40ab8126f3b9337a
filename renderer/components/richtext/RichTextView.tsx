import { Fragment, type ReactNode } from 'react';
import { Text, Typography } from '@mantine/core';
import {
  inlineText,
  type BlockNode,
  type ParagraphNode,
  type PeriodFieldValues,
  type RichTextDoc,
} from '../../../shared/richtext';

function inline(paragraph: ParagraphNode, fields: PeriodFieldValues): ReactNode[] {
  return (paragraph.content ?? []).map((node, index) => {
    if (node.type === 'hardBreak') return <br key={index} />;
    let el: ReactNode =
      node.type === 'periodField' ? (
        <span data-period-field={node.attrs.field}>{inlineText(node, fields)}</span>
      ) : (
        node.text
      );
    for (const mark of node.marks ?? []) el = mark.type === 'bold' ? <strong>{el}</strong> : <em>{el}</em>;
    return <Fragment key={index}>{el}</Fragment>;
  });
}

function blocks(nodes: BlockNode[], fields: PeriodFieldValues): ReactNode[] {
  return nodes.map((block, index) => {
    if (block.type === 'paragraph') return <p key={index}>{inline(block, fields)}</p>;
    const items = block.content.map((item, i) => <li key={i}>{blocks(item.content, fields)}</li>);
    return block.type === 'orderedList' ? (
      <ol key={index} start={block.attrs?.start ?? undefined}>
        {items}
      </ol>
    ) : (
      <ul key={index}>{items}</ul>
    );
  });
}

/**
 * Shows stored rich text read-only, built as React elements from the JSON (never injected HTML);
 * period fields read as `fields`, the version's own dates.
 */
export function RichTextView({
  value,
  fields,
  emptyText,
}: {
  value: RichTextDoc;
  fields: PeriodFieldValues;
  emptyText?: string;
}) {
  if (value.content.length === 0) {
    return emptyText ? (
      <Text c="dimmed" fs="italic">
        {emptyText}
      </Text>
    ) : null;
  }
  return <Typography>{blocks(value.content, fields)}</Typography>;
}
