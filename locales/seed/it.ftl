# Il catalogo che una nuova installazione scrive, in italiano: etichette dei campi di sistema, opzioni degli elenchi,
# sezioni delle schede, pipeline e fasi. Stesse chiavi, nello stesso ordine, di en.ftl.

## List: source

option-source-call = Chiamata
option-source-email = E-mail
option-source-website = Sito web
option-source-advertising = Pubblicità
option-source-partner = Partner
option-source-trade-show = Fiera
option-source-recommendation = Raccomandazione
option-source-other = Altro

## List: industry

option-industry-it = Informatica
option-industry-manufacturing = Produzione
option-industry-retail = Commercio al dettaglio
option-industry-finance = Servizi bancari e finanza
option-industry-logistics = Trasporti e logistica
option-industry-consulting = Consulenza
option-industry-other = Altro

## List: contact-type

option-contact-type-client = Cliente
option-contact-type-supplier = Fornitore
option-contact-type-partner = Partner
option-contact-type-other = Altro

## List: deal-type

option-deal-type-sale = Vendita
option-deal-type-goods = Vendita di merci
option-deal-type-service = Vendita di servizi
option-deal-type-support = Assistenza post-vendita

## Fields: lead

field-lead-title = Nome lead
field-lead-first-name = Nome
field-lead-last-name = Cognome
field-lead-company-name = Nome azienda
field-lead-phone = Telefono
field-lead-email = E-mail
field-lead-source = Origine
field-lead-opportunity = Opportunità
field-lead-address = Indirizzo
field-lead-responsible = Responsabile
field-lead-comment = Commento

## Fields: deal

field-deal-title = Nome affare
field-deal-amount = Importo
field-deal-close-date = Data di chiusura presunta
field-deal-deal-type = Tipo affare
field-deal-source = Origine
field-deal-probability = Probabilità, %
field-deal-next-call = Prossima chiamata
field-deal-contact = Contatto
field-deal-company = Azienda
field-deal-responsible = Responsabile
field-deal-comment = Commento

## Fields: contact

field-contact-first-name = Nome
field-contact-last-name = Cognome
field-contact-position = Posizione
field-contact-phone = Telefono
field-contact-email = E-mail
field-contact-company = Azienda
field-contact-birthday = Data di nascita
field-contact-contact-type = Tipo contatto
field-contact-source = Origine
field-contact-newsletter = Consenso alle newsletter
field-contact-address = Indirizzo
field-contact-responsible = Responsabile
field-contact-comment = Commento

## Fields: company

field-company-name = Nome azienda
field-company-industry = Settore
field-company-employees = Numero di dipendenti
field-company-annual-revenue = Fatturato annuo
field-company-phone = Telefono
field-company-email = E-mail
field-company-website = Sito web
field-company-address = Indirizzo
field-company-responsible = Responsabile
field-company-comment = Commento

## Fields: invoice

field-invoice-number = Numero fattura
field-invoice-amount = Importo
field-invoice-due-date = Data di scadenza
field-invoice-deal = Affare
field-invoice-payer = Pagatore
field-invoice-responsible = Responsabile
field-invoice-comment = Commento

## Fields: quote

field-quote-title = Nome preventivo
field-quote-amount = Importo
field-quote-valid-until = Valido fino a
field-quote-deal = Affare
field-quote-contact = Contatto
field-quote-responsible = Responsabile
field-quote-comment = Commento

## Fields: smart processes

field-smart-title = Nome
field-smart-responsible = Responsabile
field-smart-contact = Contatto
field-smart-company = Azienda

## Sections: lead

section-lead-about = Info sul lead
section-lead-contact = Informazioni di contatto
section-lead-more = Altro

## Sections: deal

section-deal-about = Info sull'affare
section-deal-client = Cliente
section-deal-more = Altro

## Sections: contact

section-contact-about = Info sul contatto
section-contact-contact = Informazioni di contatto
section-contact-more = Altro

## Sections: company

section-company-about = Info sull'azienda
section-company-contact = Informazioni di contatto
section-company-more = Altro

## Sections: invoice

section-invoice-about = Info sulla fattura
section-invoice-links = Affare e pagatore
section-invoice-more = Altro

## Sections: quote

section-quote-about = Info sul preventivo
section-quote-links = Affare e cliente
section-quote-more = Altro

## Sections: smart processes

section-smart-about = Info sull'elemento
section-smart-client = Cliente
section-smart-links = Collegamenti

## Pipeline: smart general

pipeline-smart-general = Generale
stage-smart-general-new = Nuovo
stage-smart-general-in-progress = In corso
stage-smart-general-done = Riuscito
stage-smart-general-failed = Non riuscito

## Pipeline: lead leads

pipeline-lead-leads = Lead
stage-lead-leads-new = Non elaborato
stage-lead-leads-in-progress = In corso
stage-lead-leads-converted = Lead convertito
stage-lead-leads-junk = Lead indesiderato

## Pipeline: deal sales

pipeline-deal-sales = Vendite
stage-deal-sales-new = Nuovo
stage-deal-sales-preparation = Preparazione documenti
stage-deal-sales-invoice = Fattura
stage-deal-sales-in-progress = In corso
stage-deal-sales-won = Affare vinto
stage-deal-sales-lost = Affare perso

## Pipeline: deal support

pipeline-deal-support = Assistenza
stage-deal-support-new = Nuova richiesta
stage-deal-support-diagnosis = Diagnosi
stage-deal-support-resolved = Risolto
stage-deal-support-rejected = Rifiutato

## Pipeline: invoice invoices

pipeline-invoice-invoices = Fatture
stage-invoice-invoices-draft = Nuova
stage-invoice-invoices-sent = Inviata al cliente
stage-invoice-invoices-paid = Pagata
stage-invoice-invoices-cancelled = Annullata

## Pipeline: quote quotes

pipeline-quote-quotes = Preventivi
stage-quote-quotes-draft = Bozza
stage-quote-quotes-sent = Inviato al cliente
stage-quote-quotes-accepted = Accettato
stage-quote-quotes-declined = Rifiutato

## Roles

role-administrator = Amministratore
role-employee = Dipendente

## The stages a pipeline an administrator adds starts with (any type)

stage-any-new = Nuovo
stage-any-in-progress = In corso
stage-any-won = Successo
stage-any-lost = Fallimento
