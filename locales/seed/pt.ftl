# Catálogo que uma nova instalação grava, em português (Brasil): rótulos dos campos do sistema, opções de listas,
# seções dos cartões, pipelines e estágios. Mesmas chaves, na mesma ordem, que en.ftl.

## List: source

option-source-call = Chamada
option-source-email = E-mail
option-source-website = Site
option-source-advertising = Publicidade
option-source-partner = Parceiro
option-source-trade-show = Feira
option-source-recommendation = Recomendação
option-source-other = Outro

## List: industry

option-industry-it = Tecnologia da informação
option-industry-manufacturing = Manufatura
option-industry-retail = Varejo
option-industry-finance = Serviços bancários e finanças
option-industry-logistics = Transporte e logística
option-industry-consulting = Consultoria
option-industry-other = Outro

## List: contact-type

option-contact-type-client = Cliente
option-contact-type-supplier = Fornecedor
option-contact-type-partner = Parceiro
option-contact-type-other = Outro

## List: deal-type

option-deal-type-sale = Venda
option-deal-type-goods = Venda de mercadorias
option-deal-type-service = Venda de serviços
option-deal-type-support = Serviço pós-venda

## Fields: lead

field-lead-title = Nome do lead
field-lead-first-name = Nome
field-lead-last-name = Sobrenome
field-lead-company-name = Nome da empresa
field-lead-phone = Telefone
field-lead-email = E-mail
field-lead-source = Fonte
field-lead-opportunity = Valor da oportunidade
field-lead-address = Endereço
field-lead-responsible = Responsável
field-lead-comment = Comentário

## Fields: deal

field-deal-title = Nome do negócio
field-deal-amount = Valor
field-deal-close-date = Data prevista de fechamento
field-deal-deal-type = Tipo de negócio
field-deal-source = Fonte
field-deal-probability = Probabilidade, %
field-deal-next-call = Próxima chamada
field-deal-contact = Contato
field-deal-company = Empresa
field-deal-responsible = Responsável
field-deal-comment = Comentário

## Fields: contact

field-contact-first-name = Nome
field-contact-last-name = Sobrenome
field-contact-position = Cargo
field-contact-phone = Telefone
field-contact-email = E-mail
field-contact-company = Empresa
field-contact-birthday = Data de nascimento
field-contact-contact-type = Tipo de contato
field-contact-source = Fonte
field-contact-newsletter = Aceita receber newsletters
field-contact-address = Endereço
field-contact-responsible = Responsável
field-contact-comment = Comentário

## Fields: company

field-company-name = Nome da empresa
field-company-industry = Setor de atuação
field-company-employees = Número de funcionários
field-company-annual-revenue = Receita anual
field-company-phone = Telefone
field-company-email = E-mail
field-company-website = Site
field-company-address = Endereço
field-company-responsible = Responsável
field-company-comment = Comentário

## Fields: invoice

field-invoice-number = Número da fatura
field-invoice-amount = Valor
field-invoice-due-date = Data de vencimento
field-invoice-deal = Negócio
field-invoice-payer = Pagador
field-invoice-responsible = Responsável
field-invoice-comment = Comentário

## Fields: quote

field-quote-title = Nome do orçamento
field-quote-amount = Valor
field-quote-valid-until = Válido até
field-quote-deal = Negócio
field-quote-contact = Contato
field-quote-responsible = Responsável
field-quote-comment = Comentário

## Fields: smart processes

field-smart-title = Nome
field-smart-responsible = Responsável
field-smart-contact = Contato
field-smart-company = Empresa

## Sections: lead

section-lead-about = Sobre o lead
section-lead-contact = Informações de contato
section-lead-more = Mais

## Sections: deal

section-deal-about = Sobre o negócio
section-deal-client = Cliente
section-deal-more = Mais

## Sections: contact

section-contact-about = Sobre o contato
section-contact-contact = Informações de contato
section-contact-more = Mais

## Sections: company

section-company-about = Sobre a empresa
section-company-contact = Informações de contato
section-company-more = Mais

## Sections: invoice

section-invoice-about = Sobre a fatura
section-invoice-links = Negócio e pagador
section-invoice-more = Mais

## Sections: quote

section-quote-about = Sobre o orçamento
section-quote-links = Negócio e cliente
section-quote-more = Mais

## Sections: smart processes

section-smart-about = Sobre o elemento
section-smart-client = Cliente
section-smart-links = Vínculos

## Pipeline: smart general

pipeline-smart-general = Geral
stage-smart-general-new = Novo
stage-smart-general-in-progress = Em andamento
stage-smart-general-done = Bem-sucedido
stage-smart-general-failed = Malsucedido

## Pipeline: lead leads

pipeline-lead-leads = Leads
stage-lead-leads-new = Não processado
stage-lead-leads-in-progress = Em andamento
stage-lead-leads-converted = Lead convertido
stage-lead-leads-junk = Lead descartado

## Pipeline: deal sales

pipeline-deal-sales = Vendas
stage-deal-sales-new = Novo
stage-deal-sales-preparation = Preparação de documentos
stage-deal-sales-invoice = Fatura
stage-deal-sales-in-progress = Em andamento
stage-deal-sales-won = Negócio ganho
stage-deal-sales-lost = Negócio perdido

## Pipeline: deal support

pipeline-deal-support = Suporte
stage-deal-support-new = Nova solicitação
stage-deal-support-diagnosis = Diagnóstico
stage-deal-support-resolved = Resolvido
stage-deal-support-rejected = Rejeitado

## Pipeline: invoice invoices

pipeline-invoice-invoices = Faturas
stage-invoice-invoices-draft = Nova
stage-invoice-invoices-sent = Enviada ao cliente
stage-invoice-invoices-paid = Paga
stage-invoice-invoices-cancelled = Cancelada

## Pipeline: quote quotes

pipeline-quote-quotes = Orçamentos
stage-quote-quotes-draft = Rascunho
stage-quote-quotes-sent = Enviado ao cliente
stage-quote-quotes-accepted = Aceito
stage-quote-quotes-declined = Recusado

## Roles

role-administrator = Administrador
role-employee = Funcionário

## The stages a pipeline an administrator adds starts with (any type)

stage-any-new = Novo
stage-any-in-progress = Em andamento
stage-any-won = Sucesso
stage-any-lost = Falha
