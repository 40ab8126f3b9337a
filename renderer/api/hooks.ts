import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import type { Input, Method, Output } from '../../shared/contract';
import type { ErrorBody } from '../../shared/errors';
import { ApiError, call, subscribe } from './client';

/** events after which every view reloads: a restored backup, recovery, the database reopened */
const EVERYTHING = ['*', 'database'];

/**
 * Loads one method's value and reloads it whenever the backend says data changed,
 * so every open view stays current after a write anywhere in the app.
 */
export function useCall<M extends Method>(
  method: M,
  input: Input<M>,
  options: {
    skip?: boolean;
    /** reload only when one of these kinds of record changed (default: any change) */
    entities?: readonly string[];
  } = {},
) {
  const [data, setData] = useState<Output<M> | undefined>(undefined);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [loading, setLoading] = useState(!options.skip);
  const key = JSON.stringify(input);
  const seq = useRef(0);
  const entityKey = options.entities?.join(' ') ?? null;

  const reload = useCallback(async () => {
    if (options.skip) return;
    const mine = ++seq.current;
    setLoading(true);
    try {
      const value = await call(method, JSON.parse(key) as Input<M>);
      if (mine === seq.current) {
        setData(value);
        setError(null);
      }
    } catch (e) {
      if (mine === seq.current) setError(e instanceof ApiError ? e.body : { code: 'INTERNAL', message: String(e) });
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [method, key, options.skip]);

  useEffect(() => {
    void reload();
    // one write sends an event per kind of record it touched, and loading the example sends
    // hundreds: reload once after a burst rather than once per event
    let pending: ReturnType<typeof setTimeout> | null = null;
    const off = subscribe('data.changed', ({ entity }) => {
      if (entityKey !== null && !EVERYTHING.includes(entity) && !entityKey.split(' ').includes(entity)) return;
      if (pending) clearTimeout(pending);
      pending = setTimeout(() => {
        pending = null;
        void reload();
      }, 40);
    });
    return () => {
      off();
      if (pending) clearTimeout(pending);
    };
  }, [reload, entityKey]);

  return { data, error, loading, reload };
}

/**
 * A message key from the backend is either short (`required`, looked up under `prefix`) or
 * already namespaced by its area (`agreements.validation.overlap`), used as it is.
 */
export function messageKey(prefix: string, key: string): string {
  return key.includes('.') ? key : `${prefix}.${key}`;
}

/** Translates an error body into a sentence in the user's language. */
export function useErrorText() {
  const { t } = useTranslation();
  return useCallback(
    (error: ErrorBody) => {
      const reason = error.params?.reason;
      if (reason && typeof reason === 'string') {
        const specific = messageKey('errors.reasons', reason);
        const text = t(specific, { ...error.params, defaultValue: '' });
        if (text) return text;
      }
      return t(`errors.${error.code}`, { ...error.params, defaultValue: t('errors.INTERNAL') });
    },
    [t],
  );
}

/**
 * Runs a write: on a validation error the field messages (translated) come back for the
 * form to show at each field; any other error is shown as a notification. Nothing is lost:
 * the form keeps what the user typed.
 */
export function useAction() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const run = useCallback(
    /** `handle` may take an error itself (returns true), e.g. to offer a choice instead of a notification */
    async <M extends Method>(
      method: M,
      input: Input<M>,
      handle?: (error: ErrorBody) => boolean,
    ): Promise<Output<M> | undefined> => {
      setBusy(true);
      try {
        const value = await call(method, input);
        setFieldErrors({});
        return value;
      } catch (e) {
        const body: ErrorBody = e instanceof ApiError ? e.body : { code: 'INTERNAL', message: String(e) };
        if (handle?.(body)) return undefined;
        if (body.fields && Object.keys(body.fields).length > 0) {
          setFieldErrors(
            Object.fromEntries(
              Object.entries(body.fields).map(([field, key]) => [
                field,
                t(messageKey('validation', key), { defaultValue: t('validation.invalid') }),
              ]),
            ),
          );
        } else {
          setFieldErrors({});
          notifications.show({ color: 'red', title: t('errors.title'), message: errorText(body) });
        }
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [t, errorText],
  );

  return { run, fieldErrors, setFieldErrors, busy };
}
