import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemView } from '../../api';
import { Button } from '../../ui';
import { usePictureBase } from '../../ordering/picture';
import { useDeleteItemImage, useSetItemImage } from './api/set-item-image';
import { useErrorText } from './errors';
import { checkPicture, fileHead, PICTURE_ACCEPT } from './lib/picture';
import './picture.css';

/**
 * An item's picture in its dialog: a preview, a file picker (checked here for type and size
 * before anything is sent), an upload shown while it runs, and removal. Saved at once, apart
 * from the dialog's other fields: the server makes the tablet and counter sizes.
 */
export function ItemPicture({ item }: { item: ItemView | null }) {
  const { t } = useTranslation();
  const base = usePictureBase();
  const errorText = useErrorText();
  const upload = useSetItemImage();
  const remove = useDeleteItemImage();
  const input = useRef<HTMLInputElement>(null);
  // The picture as the server last answered (the dialog's item is the menu's when it opened).
  const [url, setUrl] = useState<string | null>(item?.image_url ?? null);
  const [problem, setProblem] = useState<string | null>(null);
  const busy = upload.isPending || remove.isPending;
  const failed = upload.error ?? remove.error;

  if (!item) {
    return (
      <fieldset className="picture-field">
        <legend>{t('admin.picture.title')}</legend>
        <p className="hint">{t('admin.picture.saveFirst')}</p>
      </fieldset>
    );
  }

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    upload.reset();
    remove.reset();
    const check = checkPicture(file.size, await fileHead(file));
    if (!check.ok) {
      setProblem(t(`admin.picture.${check.problem}`));
      return;
    }
    setProblem(null);
    upload.mutate({ id: item.id, picture: { data: file, type: check.type } }, { onSuccess: (v) => setUrl(v.image_url ?? null) });
  };

  const drop = () => {
    setProblem(null);
    upload.reset();
    remove.mutate(item.id, { onSuccess: (v) => setUrl(v.image_url ?? null) });
  };

  return (
    <fieldset className="picture-field" aria-busy={busy} data-testid="item-picture-field">
      <legend>{t('admin.picture.title')}</legend>
      <div className="picture-row">
        <div className="picture-preview">
          {url && base !== null ? (
            <img src={base + url} alt={t('admin.picture.preview', { name: item.name })} width={160} height={120} data-testid="item-picture-preview" />
          ) : (
            <span className="hint">{t('admin.picture.none')}</span>
          )}
        </div>
        <div className="stack">
          <input ref={input} type="file" accept={PICTURE_ACCEPT} className="sr-only" tabIndex={-1} aria-hidden onChange={(e) => void choose(e)} data-testid="item-picture-input" />
          <div className="row wrap">
            <Button onClick={() => input.current?.click()} disabled={busy} data-testid="item-picture-choose">
              {url ? t('admin.picture.replace') : t('admin.picture.choose')}
            </Button>
            {url && (
              <Button variant="danger" onClick={drop} disabled={busy} data-testid="item-picture-remove">
                {t('admin.picture.remove')}
              </Button>
            )}
          </div>
          <span className="hint">{t('admin.picture.rules')}</span>
          {busy && (
            <span className="picture-busy" role="status">
              <progress aria-label={upload.isPending ? t('admin.picture.uploading') : t('admin.picture.removing')} />
              {upload.isPending ? t('admin.picture.uploading') : t('admin.picture.removing')}
            </span>
          )}
        </div>
      </div>
      {(problem ?? failed) && (
        <p className="notice notice-error" role="alert" data-testid="item-picture-error">
          {problem ?? errorText(failed)}
        </p>
      )}
    </fieldset>
  );
}
