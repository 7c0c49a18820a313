import type { Scenario } from '../lib/context'
import { fsyncFloor, sendToManyFloor, wsRoundTripFloor } from '../lib/floors'
import type { Row } from '../lib/results'

/** The machine's floors, measured in the same run as the figures that stand on them (see floors.ts). */
export const floor: Scenario = {
  name: 'floor',
  async run(ctx): Promise<Row[]> {
    ctx.log('floor: SQLite WAL commits with synchronous=FULL, loopback websocket round trips, ws.send to 500 sockets')
    const fsync = fsyncFloor(ctx.processes.tempDir('floor'), ctx.quick ? 100 : 300)
    const rtt = await wsRoundTripFloor(ctx.quick ? 200 : 500)
    const send = await sendToManyFloor(500, ctx.quick ? 10 : 50)
    const ms = (name: string, label: string, value: number): Row => ({ label, unit: 'ms', ours: { name, value: Number(value.toFixed(3)) } })
    return [
      ms('floor.fsync.p50_ms', 'floor: one SQLite WAL commit, synchronous=FULL, p50', fsync.p50),
      ms('floor.fsync.p99_ms', 'floor: one SQLite WAL commit, synchronous=FULL, p99', fsync.p99),
      ms('floor.ws_rtt.p50_ms', 'floor: loopback websocket round trip, p50', rtt.p50),
      ms('floor.ws_rtt.p99_ms', 'floor: loopback websocket round trip, p99', rtt.p99),
      { label: 'floor: one ws.send of 40 bytes, per socket (500 sockets)', unit: 'µs', ours: { name: 'floor.ws_send_us', value: Number(send.toFixed(2)) } },
    ]
  },
}
