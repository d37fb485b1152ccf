// What the scheduling bot says, in Portuguese and English.
import type { Language } from './understand.ts';

const pt = {
  yes: 'Sim, confirmar',
  otherTime: 'Outro horário',
  yesCancel: 'Sim, cancelar',
  keepIt: 'Manter',
  seeTimes: 'Ver horários',
  menuBook: 'Marcar horário',
  menuList: 'Minhas marcações',
  menuHuman: 'Falar com alguém',
  noSlots: 'Não encontrei horários livres nos próximos dias. Vou chamar alguém da equipe para ajudar.',
  noneThatDay: 'Nesse período não há horários livres; estes são os próximos disponíveis.',
  taken: 'Esse horário acabou de ser reservado por outra pessoa.',
  handingOff: 'Certo! Vou chamar alguém da equipe para falar com você. 🙂',
  cancelled: 'Pronto, sua marcação foi cancelada.',
  kept: 'Combinado, sua marcação continua de pé.',
  nothingToChange: 'Não encontrei nenhuma marcação futura no seu nome.',
  yourAppointments: 'Suas próximas marcações:',
  noAppointments: 'Você não tem marcações futuras.',
  chooseSlot: (service: string) => `Escolha um horário para ${service}:`,
  confirmSlot: (service: string, when: string) => `${service} em ${when}. Posso confirmar?`,
  confirmCancel: (service: string, when: string) => `Cancelar ${service} em ${when}?`,
  booked: (service: string, when: string) => `Confirmado! ${service} em ${when}. Até lá!`,
  rescheduled: (service: string, when: string) => `Remarcado! ${service} agora é em ${when}.`,
  help: (name: string | null) =>
    `Olá${name ? `, ${name}` : ''}! Sou o assistente de agendamento. Posso marcar, remarcar ou cancelar um horário — é só dizer, por exemplo, "quero marcar amanhã às 15h".`,
  reminder: (service: string, when: string) => `Lembrete: ${service} em ${when}. Até logo!`,
};

const en: typeof pt = {
  yes: 'Yes, confirm',
  otherTime: 'Another time',
  yesCancel: 'Yes, cancel',
  keepIt: 'Keep it',
  seeTimes: 'See times',
  menuBook: 'Book a time',
  menuList: 'My appointments',
  menuHuman: 'Talk to a person',
  noSlots: "I couldn't find free times in the coming days. I'll ask someone from the team to help.",
  noneThatDay: 'Nothing is free then; these are the next free times.',
  taken: 'That time was just taken by someone else.',
  handingOff: "Sure! I'll ask someone from the team to talk to you. 🙂",
  cancelled: 'Done, your appointment is cancelled.',
  kept: 'Alright, your appointment stays as it is.',
  nothingToChange: "I couldn't find an upcoming appointment for you.",
  yourAppointments: 'Your upcoming appointments:',
  noAppointments: 'You have no upcoming appointments.',
  chooseSlot: (service: string) => `Pick a time for ${service}:`,
  confirmSlot: (service: string, when: string) => `${service} on ${when}. Shall I confirm it?`,
  confirmCancel: (service: string, when: string) => `Cancel ${service} on ${when}?`,
  booked: (service: string, when: string) => `Confirmed! ${service} on ${when}. See you then!`,
  rescheduled: (service: string, when: string) => `Moved! ${service} is now on ${when}.`,
  help: (name: string | null) =>
    `Hi${name ? ` ${name}` : ''}! I'm the booking assistant. I can book, move or cancel an appointment — just say, for example, "book tomorrow at 3pm".`,
  reminder: (service: string, when: string) => `Reminder: ${service} on ${when}. See you soon!`,
};

export const copy = (language: Language) => (language === 'pt' ? pt : en);
