import './card-table.css';
import type { ReactNode } from 'react';

/** What a card table shows: its columns' names and its rows. */
export interface CardTableProps {
  /** Classes beside `card-table`. */
  className: string;
  testId: string;
  /** The header row: each column's name, in order. */
  columns: readonly string[];
  /** The body rows; each cell carries its column's name in `data-label`. */
  children: ReactNode;
}

/**
 * A table whose rows become small cards at phone width (see card-table.css): a header row that
 * names the columns, then the rows it is given.
 */
export function CardTable(props: CardTableProps) {
  return (
    <table className={`card-table ${props.className}`} data-testid={props.testId}>
      <thead>
        <tr>
          {props.columns.map((name) => (
            <th key={name} scope="col">
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
