import { type RefObject, useEffect, useState } from 'react'

/** True while the element is within `margin` of the viewport (for mounting editors lazily). */
export function useInView(ref: RefObject<Element | null>, margin = '1000px'): boolean {
  const [inView, setInView] = useState(false)
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) setInView(entry.isIntersecting)
    }, { rootMargin: `${margin} 0px` })
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref, margin])
  return inView
}
