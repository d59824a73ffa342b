/**
 * A sentence that mentions ids (trace steps, findings, errors): each id shown by ShortId, named
 * when the caller knows its name, the rest as plain text.
 */
import { Fragment } from 'react';
import { ShortId } from './ShortId';
import { splitIds } from './short-id';

export function IdText({
  text,
  nameOf,
  size = 'inherit',
}: {
  text: string;
  /** The name of an id when known (e.g. from the loaded topology). */
  nameOf?: (id: string) => string | null | undefined;
  size?: 'xs' | 'sm' | 'inherit';
}) {
  return (
    <>
      {splitIds(text).map((part, i) =>
        typeof part === 'string' ? (
          <Fragment key={i}>{part}</Fragment>
        ) : (
          <ShortId key={i} value={part.id} name={nameOf?.(part.id)} size={size} copy={false} />
        ),
      )}
    </>
  );
}

/**
 * Literal text that must stay whole (a request URL, a command): every id kept on one line, line
 * breaks offered after "?", "&" and "," instead of inside a value.
 */
export function UnbrokenIds({ text }: { text: string }) {
  return (
    <>
      {splitIds(text).map((part, i) =>
        typeof part === 'string' ? (
          <Fragment key={i}>
            {part.split(/(?<=[?&,])/).map((piece, j) => (
              <Fragment key={j}>
                {j > 0 && <wbr />}
                {piece}
              </Fragment>
            ))}
          </Fragment>
        ) : (
          <span key={i} style={{ whiteSpace: 'nowrap' }}>
            {part.id}
          </span>
        ),
      )}
    </>
  );
}
