import { Fragment, type ReactNode } from 'react';
import { Text, Typography } from '@mantine/core';
import type { BlockNode, ParagraphNode, RichTextDoc } from '../../../shared/richtext';

function inline(paragraph: ParagraphNode): ReactNode[] {
  return (paragraph.content ?? []).map((node, index) => {
    if (node.type === 'hardBreak') return <br key={index} />;
    let el: ReactNode = node.text;
    for (const mark of node.marks ?? []) el = mark.type === 'bold' ? <strong>{el}</strong> : <em>{el}</em>;
    return <Fragment key={index}>{el}</Fragment>;
  });
}

function blocks(nodes: BlockNode[]): ReactNode[] {
  return nodes.map((block, index) => {
    if (block.type === 'paragraph') return <p key={index}>{inline(block)}</p>;
    const items = block.content.map((item, i) => <li key={i}>{blocks(item.content)}</li>);
    return block.type === 'orderedList' ? (
      <ol key={index} start={block.attrs?.start ?? undefined}>
        {items}
      </ol>
    ) : (
      <ul key={index}>{items}</ul>
    );
  });
}

/** Shows stored rich text read-only, built as React elements from the JSON (never injected HTML). */
export function RichTextView({ value, emptyText }: { value: RichTextDoc; emptyText?: string }) {
  if (value.content.length === 0) {
    return emptyText ? (
      <Text c="dimmed" fs="italic">
        {emptyText}
      </Text>
    ) : null;
  }
  return <Typography>{blocks(value.content)}</Typography>;
}
