import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context'
import { requireUser } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { validate } from '../../../middlewares/validate'
import { assembleMinutes } from '../../../meetings/minutes/assemble'
import { MINUTES_FORMATS, minutesContentDisposition } from '../../../meetings/minutes/formats'
import { draftForUser } from '../../../services/drafts'
import { recordDecision } from '../../../services/meetings/decisions'
import { askFloor, giveFloor, setScreen, withdrawFloor } from '../../../services/meetings/floor'
import { closeMeeting, correctAttendance, listMeetings, openMeeting, readMeeting } from '../../../services/meetings/lifecycle'
import { meetingForUser, meetingView } from '../../../services/meetings/record'
import { AttendanceSchema, DecisionCreateSchema, MeetingCreateSchema, MinutesQuerySchema, ScreenSchema, SpeakerSchema } from './schema'

/** Meeting mode (README "Meetings"): a meeting of a draft, its screen, floor, decision log and attendance. */
export function meetingRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/drafts/:id/meetings', async (request, reply) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    const body = validate(MeetingCreateSchema, request.body)
    return reply.code(201).send(await openMeeting(ctx, draft, user, body))
  })

  app.get('/api/drafts/:id/meetings', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    return listMeetings(ctx, draft)
  })

  app.get('/api/meetings/:id', async (request) => readMeeting(ctx, requireUser(request), idParam(request, 'id', 'Meeting')))

  app.put('/api/meetings/:id/screen', async (request) => {
    const user = requireUser(request)
    const body = validate(ScreenSchema, request.body)
    return setScreen(ctx, user, idParam(request, 'id', 'Meeting'), body.clauseId)
  })

  app.post('/api/meetings/:id/floor', async (request) => askFloor(ctx, requireUser(request), idParam(request, 'id', 'Meeting')))

  app.delete('/api/meetings/:id/floor', async (request) => withdrawFloor(ctx, requireUser(request), idParam(request, 'id', 'Meeting')))

  app.put('/api/meetings/:id/speaker', async (request) => {
    const user = requireUser(request)
    const body = validate(SpeakerSchema, request.body)
    return giveFloor(ctx, user, idParam(request, 'id', 'Meeting'), body.state)
  })

  app.post('/api/meetings/:id/decisions', async (request, reply) => {
    const user = requireUser(request)
    const body = validate(DecisionCreateSchema, request.body)
    return reply.code(201).send(await recordDecision(ctx, user, idParam(request, 'id', 'Meeting'), body))
  })

  app.put('/api/meetings/:id/attendance', async (request) => {
    const user = requireUser(request)
    const body = validate(AttendanceSchema, request.body)
    return correctAttendance(ctx, user, idParam(request, 'id', 'Meeting'), body.state, body.present)
  })

  app.post('/api/meetings/:id/close', async (request) => closeMeeting(ctx, requireUser(request), idParam(request, 'id', 'Meeting')))

  // The minutes: provisional (from the live text) while the meeting is open, final once it is closed.
  app.get('/api/meetings/:id/minutes', async (request, reply) => {
    const user = requireUser(request)
    const { format } = validate(MinutesQuerySchema, request.query)
    const { meeting, draft } = await meetingForUser(ctx, user, idParam(request, 'id', 'Meeting'))
    const minutes = await assembleMinutes(ctx, draft, await meetingView(ctx, meeting.record))
    const exporter = MINUTES_FORMATS[format]
    const body = await exporter.render(minutes)
    return reply.header('content-type', exporter.contentType).header('content-disposition', minutesContentDisposition(minutes, format)).send(body)
  })
}
