import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

type Kind = 'info' | 'success' | 'error';
/** A button on the toast (e.g. Undo); the toast closes when it is pressed. */
export interface ToastAction {
  label: string;
  onClick: () => void;
  testid?: string;
}
interface Toast {
  id: number;
  kind: Kind;
  text: string;
  action?: ToastAction;
}

const Ctx = createContext<(text: string, kind?: Kind, action?: ToastAction) => void>(() => {});

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((text: string, kind: Kind = 'info', action?: ToastAction) => {
    const id = Date.now() + Math.random();
    setToasts((ts) => [...ts.slice(-3), { id, kind, text, action }]);
    // A toast with a button stays long enough to reach it.
    setTimeout(() => setToasts((ts) => ts.filter((t) => t.id !== id)), kind === 'error' || action ? 8000 : 4000);
  }, []);
  const value = useMemo(() => push, [push]);
  return (
    <Ctx.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind}`}>
            {t.text}
            {t.action && (
              <button
                type="button"
                className="btn toast-action"
                onClick={() => {
                  setToasts((ts) => ts.filter((x) => x.id !== t.id));
                  t.action?.onClick();
                }}
                data-testid={t.action.testid}
              >
                {t.action.label}
              </button>
            )}
          </div>
        ))}
      </div>
    </Ctx.Provider>
  );
}

export function useToast() {
  return useContext(Ctx);
}
