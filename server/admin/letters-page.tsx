import { pdfPath } from '../casefile/casefile-routes';
import { lettersToPrint } from '../casefile/letters';
import type { AppDeps } from '../deps';
import { type AdminContext, base } from './admin-context';
import { formatMoment, messageKindLabel } from './labels';
import { Csrf, staffPage } from './layout';
import { WideTable } from './wide-table';

/**
 * The post book: letters for complainants without an e-mail address. Print each (the PDF), post
 * it, then mark it posted; a posted acknowledgement meets the acknowledgement term.
 */
export async function lettersPage(c: AdminContext, deps: AppDeps, notice?: string) {
  const tenant = c.get('tenant');
  const letters = await lettersToPrint(deps.db, tenant.id);
  const body = (
    <>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p>
        Melders zonder e-mailadres krijgen hun berichten per post. Open de brief, print hem en
        verstuur hem; zet hem daarna op gepost. De datum van posten telt als de dag van verzending
        (bij een ontvangstbevestiging: de dag dat de termijn is gehaald).
      </p>
      {tenant.procedure.letterhead ? null : (
        <p class="notice">
          Uw brieven hebben nog geen briefhoofd met postadres. Een beheerder stelt het in bij de
          klachtenregeling (letterhead).
        </p>
      )}
      {letters.length === 0 ? (
        <p>Er zijn geen brieven om te printen.</p>
      ) : (
        <WideTable caption="Brieven om te printen en te posten">
          <thead>
            <tr>
              <th scope="col">Aangemaakt</th>
              <th scope="col">Klacht</th>
              <th scope="col">Brief</th>
              <th scope="col">Aan</th>
              <th scope="col">Gepost?</th>
            </tr>
          </thead>
          <tbody>
            {letters.map((l) => (
              <tr>
                <td>{formatMoment(l.createdAt)}</td>
                <td>
                  <a href={`${base(c)}/complaints/${l.number}`}>{l.number}</a>
                </td>
                <td>
                  <a href={pdfPath(tenant.slug, l.number, l.id)}>
                    {messageKindLabel(l.kind)} (PDF)
                  </a>
                </td>
                <td class="text">{[l.name, l.address].filter(Boolean).join('\n')}</td>
                <td>
                  <form method="post" action={`${base(c)}/letters/${l.id}/posted`}>
                    <Csrf token={c.get('csrf')} />
                    <button type="submit">Gepost</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </WideTable>
      )}
    </>
  );
  return staffPage(c, 'Te printen', 'letters', body);
}
