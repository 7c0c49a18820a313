import { useEffect, useState } from 'react'
import { type MemberState, statesApi } from '../api/states'

/** The Member States, for the selects of decisions and attendance (empty until loaded, or when not needed). */
export function useMemberStates(needed: boolean): readonly MemberState[] {
  const [states, setStates] = useState<readonly MemberState[]>([])
  useEffect(() => {
    if (!needed) return
    let live = true
    statesApi.list().then(
      (list) => live && setStates(list),
      () => undefined, // the select then offers the States already in the meeting
    )
    return () => {
      live = false
    }
  }, [needed])
  return states
}
