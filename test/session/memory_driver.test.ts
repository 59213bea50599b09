import { sessionContract } from './session_contract'

sessionContract({ driver: 'memory', mergesConcurrentChanges: true })
