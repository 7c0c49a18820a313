import type { ProposalViewStatus } from '../../shared/threadsApi'
import type { Proposal } from '../storage/threads'

/**
 * A proposal's status as the API shows it. Turned into suggestions is stored as still pending with
 * a decision (who, when), since the stored status allows only pending, applied and declined.
 */
export function proposalStatusOf(proposal: Pick<Proposal, 'status' | 'decidedAt'>): ProposalViewStatus {
  return proposal.status === 'pending' && proposal.decidedAt !== null ? 'suggested' : proposal.status
}
